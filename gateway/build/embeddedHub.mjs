// @ts-check
/**
 * The embedded hub compiled ahead of time, so that `npm start` loads one file of JavaScript instead of
 * compiling some four hundred TypeScript files and resolving a thousand modules at every start.
 *
 *   node gateway/build/embeddedHub.mjs start    `npm start`: compiles when a source is newer than the last
 *                                                compilation (about 2.5 s), then runs the hub in this process
 *   node gateway/build/embeddedHub.mjs prepare  `npm install` (postinstall): compiles, and makes the embedded
 *                                                database's template with every schema migrated
 *
 * The bundle lives in node_modules/.cache/huying/hub (never committed, never shipped). It holds the
 * workspace's TypeScript and the registry packages it uses; left outside are those that load files of their
 * own at run time (PGlite's WebAssembly, jieba's native build, pino's worker, node-cron's task runner, the
 * dashboard's font), and Apollo's hashing: it reaches Node's crypto through `module.require`, which a bundled
 * module lacks, and would hash every query and every cache key with sha.js's JavaScript instead. Stack traces
 * name lines of the bundle; NODE_OPTIONS=--enable-source-maps maps them back to the TypeScript (it costs 0.2 s
 * at start, so it is not on by default).
 *
 * This launcher is JavaScript, checked by tsc (@ts-check, JSDoc types), because it runs before anything is
 * compiled: Node's own TypeScript stripping would add 0.12 s to every start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire, enableCompileCache } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'node_modules', '.cache', 'huying', 'hub');
const bundle = join(outdir, 'hub.cjs');
const inputsFile = join(outdir, 'inputs.json');

const OUTSIDE_THE_BUNDLE = ['@electric-sql/pglite', '@node-rs/jieba', 'pino', 'pino-pretty', 'thread-stream', 'node-cron', '@fontsource/noto-sans-sc', '@apollo/utils.createhash'];

/**
 * The workspace reads its SDL, migrations, configuration and pages beside its sources (`__dirname`); in the
 * bundle each file's `__dirname` is made to name its source folder again, relative to the bundle.
 * @type {import('esbuild').Plugin}
 */
const sourceFolders = {
  name: 'source-folders',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('__dirname')) return { contents: source, loader: 'ts' };
      const folder = JSON.stringify(relative(outdir, dirname(args.path)));
      return { contents: source.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${folder})`), loader: 'ts' };
    });
  },
};

/**
 * The files' times and sizes, hashed: the bundle is current while this is what it was compiled from.
 * @param {readonly string[]} files
 * @returns {string | null} null when one of them is gone
 */
function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    if (!existsSync(file)) return null;
    const { mtimeMs, size } = statSync(file);
    hash.update(`${file}\0${mtimeMs}\0${size}\0`);
  }
  return hash.digest('hex');
}

function isCurrent() {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return false;
  /** @type {{ files: string[]; fingerprint: string }} */
  const recorded = JSON.parse(readFileSync(inputsFile, 'utf8'));
  return fingerprint(recorded.files) === recorded.fingerprint;
}

async function compile() {
  const started = Date.now();
  process.stderr.write('huying: compiling the hub (after an install or a change to its sources)…\n');
  const { build } = await import('esbuild'); // only when compiling: a start with a current bundle never loads it
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'gateway', 'src', 'embedded.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    sourcemap: true,
    // Names are kept (error types and loggers read them); whitespace and syntax shrink the file by a third.
    minifyWhitespace: true,
    minifySyntax: true,
    external: OUTSIDE_THE_BUNDLE,
    plugins: [sourceFolders],
    metafile: true,
    logLevel: 'warning',
  });
  // The workspace's own files, and the lock for everything from the registry (an install that changes a
  // package changes the lock, and runs the postinstall that compiles anyway).
  const files = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith('node_modules/'))
    .map((input) => join(root, input));
  files.push(join(root, 'package-lock.json'), fileURLToPath(import.meta.url));
  await writeFile(inputsFile, JSON.stringify({ files, fingerprint: fingerprint(files) }));
  process.stderr.write(`huying: compiled in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/**
 * The compiled hub (`gateway/src/embedded.ts`), compiled first when it is missing or behind its sources.
 * @returns {Promise<{ runEmbeddedHub(): Promise<void>; prepareEmbeddedDatabase(): Promise<{ made: boolean; ms: number }> }>}
 */
async function load() {
  if (!isCurrent()) await compile();
  enableCompileCache(join(outdir, 'v8'));
  return createRequire(import.meta.url)(bundle);
}

const command = process.argv[2];
if (command === 'start') {
  await (await load()).runEmbeddedHub();
} else if (command === 'prepare') {
  try {
    const { made, ms } = await (await load()).prepareEmbeddedDatabase();
    process.stderr.write(made ? `huying: the embedded database's template is ready (${(ms / 1000).toFixed(1)} s)\n` : "huying: the embedded database's template is current\n");
  } catch (error) {
    // Never fail an install over it: `npm start` compiles again (and shows why it cannot), and without a
    // template a new data folder is initialised the slow way.
    process.stderr.write(`huying: not prepared (${error instanceof Error ? error.message : String(error)}); the first start will take longer\n`);
  }
} else {
  process.stderr.write('usage: node gateway/build/embeddedHub.mjs start|prepare\n');
  process.exitCode = 2;
}
