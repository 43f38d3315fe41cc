import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { composeHubSupergraph } from './compose';
import { SUPERGRAPH_PATH } from './supergraphFile';

// `npm run compose` writes gateway/supergraph.graphql; `--check` fails when it is stale or does not compose.
const check = process.argv.includes('--check');
try {
  const supergraph = composeHubSupergraph();
  if (check) {
    const current = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (current !== supergraph) {
      console.error('gateway/supergraph.graphql is out of date: run `npm run compose` and commit it.');
      process.exit(1);
    }
    console.log('supergraph composes and gateway/supergraph.graphql is current');
  } else {
    writeFileSync(SUPERGRAPH_PATH, supergraph);
    console.log(`wrote ${SUPERGRAPH_PATH}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
