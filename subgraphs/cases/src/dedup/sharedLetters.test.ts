import { problemText } from './textSimilarity';
import { problemLetters, sharedLetterEvidence } from './sharedLetters';

const weights = new Map([
  ['臭', 3],
  ['河', 0.1],
  ['噪', -1],
]);

describe('shared letters', () => {
  it('reads the letters of the problem words only: the places named are out', () => {
    const letters = problemLetters(problemText('龙津河还是很臭，有化学味道'));
    expect(letters.has('臭')).toBe(true);
    expect(letters.has('龙')).toBe(false);
    expect(letters.has('，')).toBe(false);
  });

  it('reads the pairs of letters side by side inside one word, and no pair across two words', () => {
    const letters = problemLetters(problemText('夜间施工噪音扰民'));
    expect(letters.has('噪音')).toBe(true);
    expect(letters.has('扰民')).toBe(true);
    expect([...letters].every((unit) => [...unit].length <= 2)).toBe(true);
    const words = problemText('噪音 扰民');
    expect(problemLetters(words).has('音扰')).toBe(false);
  });

  it('adds the weight of each letter both texts use, once', () => {
    const stink = problemText('龙津河恶臭扑鼻，臭气熏天');
    const black = problemText('龙津河水体黑臭严重');
    expect(sharedLetterEvidence(stink, black, weights)).toBe(3);
    expect(sharedLetterEvidence(black, stink, weights)).toBe(3);
  });

  it('adds nothing for letters only one text uses, or that the model never weighed', () => {
    const stink = problemText('龙津河水体黑臭严重');
    const noise = problemText('金港河工地夜间施工噪音扰民');
    expect(sharedLetterEvidence(stink, noise, weights)).toBe(0);
    expect(sharedLetterEvidence(noise, problemText('夜里施工噪音很大'), new Map())).toBe(0);
  });

  it('lets a letter count against one issue where the model learned so, and a pair on top of its letters', () => {
    const night = problemText('金港河工地夜间施工噪音扰民');
    const noon = problemText('中午施工噪音扰民');
    expect(sharedLetterEvidence(night, noon, weights)).toBe(-1);
    expect(sharedLetterEvidence(night, noon, new Map([...weights, ['噪音', 0.5]]))).toBe(-0.5);
  });
});
