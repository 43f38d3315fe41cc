import { COUNT_BURST_DEFAULTS, countBursts, type CountBurstAlert } from '../src/alerts/countBurst';

/**
 * Each river's requests per channel per day, and the city's (every request, about a named river or not) in
 * all and per channel.
 */
export interface RiverHistory {
  days: number;
  rivers: Map<string, Map<string, number[]>>;
  city: number[];
  cityByChannel: Map<string, number[]>;
}

/** The place × problem detector on one river as the hub runs it: against its own history and the city's volume. */
export function riverBursts(byChannel: ReadonlyMap<string, readonly number[]>, city: readonly number[]): CountBurstAlert[] {
  return countBursts(riverTotal(byChannel, city.length), COUNT_BURST_DEFAULTS, city).alerts;
}

/** A river's requests per day over every channel. */
export function riverTotal(byChannel: ReadonlyMap<string, readonly number[]>, days: number): number[] {
  const total = new Array<number>(days).fill(0);
  for (const counts of byChannel.values()) counts.forEach((count, day) => (total[day]! += count));
  return total;
}
