import prand, { type RandomGenerator } from 'pure-rand';

/** A seeded source of choices: the same seed always tells the same story. */
export class Dice {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = prand.xoroshiro128plus(seed | 0);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.rng.unsafeNext() >>> 0) / 4294967296;
  }

  /** Uniform integer in [from, to]. */
  int(from: number, to: number): number {
    return from + Math.floor(this.float() * (to - from + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Picks by weight; `weights` and `items` have the same length. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let roll = this.float() * total;
    for (let index = 0; index < items.length; index++) {
      roll -= weights[index]!;
      if (roll < 0) return items[index]!;
    }
    return items[items.length - 1]!;
  }

  /** Exponentially distributed waiting time with the given mean (how real arrivals spread). */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }
}
