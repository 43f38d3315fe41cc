import type { ProblemText } from './textSimilarity';

const lettersOfProblem = new WeakMap<ProblemText, ReadonlySet<string>>();

/**
 * The letters of a problem text's keywords, and each pair of letters side by side inside one keyword (噪音,
 * 扰民, 下雨): its places and the words every complaint uses are already out.
 */
export function problemLetters(problem: ProblemText): ReadonlySet<string> {
  const known = lettersOfProblem.get(problem);
  if (known) return known;
  const letters = new Set<string>();
  for (const keyword of problem.keywords.keys()) {
    const word = keyword.match(/\p{L}/gu) ?? [];
    word.forEach((letter, at) => {
      letters.add(letter);
      if (at > 0) letters.add(word[at - 1]! + letter);
    });
  }
  lettersOfProblem.set(problem, letters);
  return letters;
}

/**
 * What a letter (or pair) both problem texts use adds to the log-odds of "one problem": `always`, and `sooner`
 * more the closer in time the two were written (× `nearness`, 1 the same day, 0 a year or more apart). A
 * problem's kind decides how long it lasts: a river's stink goes on for months, a site's night work is an episode.
 */
export interface LetterWeight {
  always: number;
  sooner: number;
}

/**
 * What the letters (and letter pairs) two problem texts both use say about "one problem": the sum of the
 * model's weight for each (`model.sharedLetters`, fitted by `npm run fit:dedup`). A letter carries the
 * problem's kind where people's words for it differ: 恶臭, 黑臭, 臭不可闻 and 臭气熏天 share no word but all
 * hold 臭, which weighs a lot; 年 or 是 weigh next to nothing. One the model never saw adds nothing.
 */
export function sharedLetterEvidence(a: ProblemText, b: ProblemText, weights: ReadonlyMap<string, LetterWeight>, nearness: number): number {
  const [x, y] = [problemLetters(a), problemLetters(b)];
  const [fewer, more] = x.size <= y.size ? [x, y] : [y, x];
  let evidence = 0;
  for (const letter of fewer) {
    const weight = more.has(letter) ? weights.get(letter) : undefined;
    if (weight) evidence += weight.always + weight.sooner * nearness;
  }
  return evidence;
}
