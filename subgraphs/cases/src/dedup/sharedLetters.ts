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
 * What the letters (and letter pairs) two problem texts both use say about "one problem": the sum of the
 * model's weight for each (`model.sharedLetters`, fitted by `npm run fit:dedup`). A letter carries the
 * problem's kind where people's words for it differ: 恶臭, 黑臭, 臭不可闻 and 臭气熏天 share no word but all
 * hold 臭, which weighs a lot; 年 or 是 weigh next to nothing. One the model never saw adds nothing.
 */
export function sharedLetterEvidence(a: ProblemText, b: ProblemText, weights: ReadonlyMap<string, number>): number {
  const [fewer, more] = [problemLetters(a), problemLetters(b)].sort((x, y) => x.size - y.size) as [ReadonlySet<string>, ReadonlySet<string>];
  let evidence = 0;
  for (const letter of fewer) if (more.has(letter)) evidence += weights.get(letter) ?? 0;
  return evidence;
}
