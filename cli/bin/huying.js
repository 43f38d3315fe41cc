#!/usr/bin/env node
// The hub is TypeScript without a build step: load tsx, then the CLI itself.
require('tsx/cjs');
require('../src/main.ts');
