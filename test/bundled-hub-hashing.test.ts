import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// `npm start` runs the hub compiled into one file (gateway/build/embeddedHub.mjs). Apollo hashes every query
// and every kept answer's key with @apollo/utils.createhash, which reaches Node's crypto through
// `module.require`; inside a bundle that is missing, and it would hash with sha.js's JavaScript instead.
const BUNDLE = join(__dirname, '..', 'node_modules', '.cache', 'huying', 'hub', 'hub.cjs');

describe('the compiled hub', () => {
  it("leaves Apollo's hashing to Node's crypto: no JavaScript SHA-256 is compiled in", () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: npm install compiles it (or npm start)`);
    const bundle = readFileSync(BUNDLE, 'utf8');
    expect(bundle).toContain('require("@apollo/utils.createhash")');
    expect(bundle).not.toContain('node_modules/sha.js/sha256.js');
  });
});
