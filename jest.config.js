/** One jest run over every workspace; TypeScript is stripped by swc (type checking is `npm run typecheck`). */

// PGlite loads Node built-ins with dynamic import(), which jest allows only under this flag.
if (!`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('--experimental-vm-modules')) {
  throw new Error('Run the tests with `npm run jest -- <path>` (or `npm test`): jest needs NODE_OPTIONS=--experimental-vm-modules for PGlite.');
}

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/{schema,subgraphs,connectors,cli,open311,gateway,test}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/closingLineReporter.js'],
};
