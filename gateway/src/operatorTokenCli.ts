import { hashOperatorToken, mintOperatorToken, parseOperators } from './operators';

// `npm run operator-token -w @huying/gateway -- <id> <ROLE> <name>`: a new token (give it to the person once)
// and the entry to add to the operators file, which keeps only the token's hash.
const [id, role, ...nameParts] = process.argv.slice(2);
try {
  if (!id || !role || nameParts.length === 0) throw new Error('usage: operator-token <id> <ROLE> <name>   e.g. operator-token zhang-san COMMAND_CENTRE 张三');
  const token = mintOperatorToken();
  const [operator] = parseOperators({ operators: [{ id, role, name: nameParts.join(' '), tokenSha256: hashOperatorToken(token) }] }, 'the new entry');
  console.log(`token (shown once): ${token}`);
  console.log(`entry for the operators file:\n${JSON.stringify(operator, null, 2)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
