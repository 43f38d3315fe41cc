/**
 * `npm run fit:classify [-- --tokens team] [--corrections] [--out FILE] [--dry-run]`: refits the category
 * classifier (`src/classifier`) on the training part of the 泰迪杯 附件2 posts and writes `config/classifier.json`.
 * `--corrections` also learns from the hub's own cases that operators put in another category
 * (`correctCategory`), read from the hub's storage (DATABASE_URL, else the PGlite folder HUYING_DATA).
 * The held-out part (`tipdmPosts.ts`: sha-256 of the post's tokens, 20 %) is never read here; the options
 * were chosen by 5-fold cross-validation on the training part. Deterministic: the same data gives the same file.
 *
 * Words: by default the team's tokens are glued back together and re-segmented by jieba exactly as a raw
 * report is at run time (`--tokens team` trains on the team's own segmentation instead, for comparison).
 * Drop words: what jieba finds in at least 5 of the raw, unlabelled 附件2 test posts but never in the
 * training posts — the stop words the team removed — so a raw report is read like the training text.
 * Progress on stderr, a summary as JSON on stdout.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { textTokens } from '../src/classifier/features';
import { openDatabase, settings } from '@huying/runtime';
import { correctedCases } from '../src/store';
import { DEFAULT_FIT_OPTIONS, fitClassifier, trainingPostsOfCorrections, type TrainingPost } from './classifierFit';
import { CLASSIFIER_LABELS, type ClassifierLabel } from '../src/classifier/labels';
import { DEFAULT_CLASSIFIER_FILE } from '../src/classifier/model';
import { DATA_DIR } from './devSets';
import { HELD_OUT_PERCENT, joinedText, tipdmPosts } from './tipdmPosts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const log = (message: string) => process.stderr.write(`[fit:classify] ${message}\n`);

const UNLABELLED_RAW = 'tipdm2020c/attachment2_testset_unlabelled.csv';
const DROP_WORD_MIN_POSTS = 5;

async function main() {
  const teamTokens = option('--tokens') === 'team';
  const out = option('--out') ?? DEFAULT_CLASSIFIER_FILE;
  const started = Date.now();

  const training = tipdmPosts().filter((post) => !post.heldOut);
  for (const post of training) if (!(CLASSIFIER_LABELS as readonly string[]).includes(post.label)) throw new Error(`unknown label ${post.label}`);
  log(`${training.length} training posts; segmenting (${teamTokens ? "the team's tokens" : 'jieba on the glued text'})`);
  const none = new Set<string>();
  const posts: TrainingPost[] = training.map((post) => ({
    tokens: teamTokens ? post.tokens.map((token) => token.toLowerCase()) : textTokens(joinedText(post), none),
    label: post.label as ClassifierLabel,
  }));

  if (flag('--corrections')) {
    const db = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
    // A hub that never started has no cases schema yet, and nothing to learn from.
    const [table] = await db.query<{ kept: string | null }>("SELECT to_regclass('cases.category_correction')::text AS kept");
    const corrected = trainingPostsOfCorrections(table?.kept ? await correctedCases(db) : [], (text) => textTokens(text, none));
    await db.close();
    posts.push(...corrected.posts);
    log(`${corrected.posts.length} corrected cases from the hub's storage (${corrected.skipped} in categories outside the seven classes left out)`);
  }

  const seen = new Set(posts.flatMap((post) => post.tokens));
  const rawPosts = parse(readFileSync(join(DATA_DIR, UNLABELLED_RAW), 'utf8'), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Record<string, string>[];
  const rawCounts = new Map<string, number>();
  for (const row of rawPosts) for (const word of new Set(textTokens(`${row.title ?? ''}\n${row.body ?? ''}`, none))) rawCounts.set(word, (rawCounts.get(word) ?? 0) + 1);
  const dropWords = [...rawCounts].filter(([word, count]) => count >= DROP_WORD_MIN_POSTS && !seen.has(word)).map(([word]) => word).sort();
  log(`${dropWords.length} drop words from ${rawPosts.length} raw unlabelled posts`);

  const options = { ...DEFAULT_FIT_OPTIONS };
  const model = await fitClassifier(posts, dropWords, options, (message, figures) => log(`${message} ${JSON.stringify(figures ?? {})}`));
  model.fitted = {
    data: 'tipdm2020c/attachment2_full_tokenized_labelled.csv (training part)',
    heldOut: `sha-256 of the space-joined tokens, first 4 bytes mod 100 < ${HELD_OUT_PERCENT}: never used for fitting`,
    tokens: teamTokens ? 'team' : 'jieba',
    posts: posts.length,
    dropWordsFrom: `${UNLABELLED_RAW} (words in >= ${DROP_WORD_MIN_POSTS} posts, never in the training posts)`,
    options,
    refit: 'npm run fit:classify',
  };
  const summary: Record<string, unknown> = { posts: posts.length, terms: model.terms.length, dropWords: dropWords.length, tokens: model.fitted.tokens, seconds: (Date.now() - started) / 1000 };
  if (!flag('--dry-run')) {
    writeFileSync(out, `${JSON.stringify(model)}\n`);
    summary.file = out;
    summary.bytes = statSync(out).size;
  }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
