import { problemText } from './textSimilarity';
import { problemLetters, sharedLetterEvidence, type LetterWeight } from './sharedLetters';

const weights = new Map<string, LetterWeight>([
  ['臭', { always: 3, sooner: 0 }],
  ['河', { always: 0.1, sooner: 0 }],
  ['噪', { always: -1, sooner: 2 }],
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
    expect(sharedLetterEvidence(stink, black, weights, 1)).toBe(3);
    expect(sharedLetterEvidence(black, stink, weights, 0)).toBe(3);
  });

  it('adds nothing for letters only one text uses, or that the model never weighed', () => {
    const stink = problemText('龙津河水体黑臭严重');
    const noise = problemText('金港河工地夜间施工噪音扰民');
    expect(sharedLetterEvidence(stink, noise, weights, 1)).toBe(0);
    expect(sharedLetterEvidence(noise, problemText('夜里施工噪音很大'), new Map(), 1)).toBe(0);
  });

  it('weighs a letter by how near in time the two were written, as the model learned for it', () => {
    const night = problemText('金港河工地夜间施工噪音扰民');
    const noon = problemText('中午施工噪音扰民');
    // 噪: against one issue a year apart, for it the same day.
    expect(sharedLetterEvidence(night, noon, weights, 0)).toBe(-1);
    expect(sharedLetterEvidence(night, noon, weights, 1)).toBe(1);
    expect(sharedLetterEvidence(night, noon, weights, 0.5)).toBe(0);
    // A pair counts on top of its letters.
    expect(sharedLetterEvidence(night, noon, new Map([...weights, ['噪音', { always: 0.5, sooner: 0 }]]), 0)).toBe(-0.5);
  });
});
