import { ReadModelWatch } from './readModelWatch';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('one watch of the read model for every screen', () => {
  it('reads once per look for all its listeners, and stops reading when the last one leaves', async () => {
    let reads = 0;
    const watch = new ReadModelWatch(async () => String(++reads), 10);
    const seen: Record<string, string[]> = { a: [], b: [] };
    const stopA = watch.watch((version) => seen.a!.push(version));
    const stopB = watch.watch((version) => seen.b!.push(version));
    while (reads < 5) await pause(5);
    stopA();
    stopB();
    const atStop = reads;
    expect(seen.a!.length).toBeGreaterThanOrEqual(4);
    // every look served both screens: the same versions, not a read each
    expect(seen.b!.slice(0, seen.a!.length)).toEqual(seen.a);
    await pause(100);
    expect(reads).toBeLessThanOrEqual(atStop + 1);
  });

  it('goes on looking after a failed read', async () => {
    let reads = 0;
    const watch = new ReadModelWatch(async () => {
      reads += 1;
      if (reads === 1) throw new Error('analytics is restarting');
      return 'v2';
    }, 10);
    const seen: string[] = [];
    const stop = watch.watch((version) => seen.push(version));
    while (seen.length === 0) await pause(5);
    stop();
    expect(seen[0]).toBe('v2');
  });
});
