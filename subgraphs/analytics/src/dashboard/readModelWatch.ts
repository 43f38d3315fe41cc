/**
 * One watch of the read model's version per gateway process, shared by every dashboard it pushes to: a
 * thousand screens cost one small read a second, not a thousand dashboard answers. It asks only while
 * someone listens.
 */
export class ReadModelWatch {
  private readonly listeners = new Set<(version: string) => void>();
  private looking = false;
  private last: string | undefined;

  constructor(
    private readonly readVersion: () => Promise<string>,
    private readonly pollMs: number,
  ) {}

  /** A watch that reads the version from the analytics service's `/read-model/version`, as the gateway. */
  static overHttp(options: { analyticsBase(): string | undefined; headers(): Record<string, string>; pollMs: number }): ReadModelWatch {
    return new ReadModelWatch(async () => {
      const base = options.analyticsBase();
      if (!base) throw new Error('the analytics service is not up');
      const answer = await fetch(`${base}/read-model/version`, { headers: options.headers(), signal: AbortSignal.timeout(5_000) });
      if (!answer.ok) throw new Error(`analytics answered ${answer.status}`);
      return ((await answer.json()) as { version: string }).version;
    }, options.pollMs);
  }

  /**
   * The version last read while someone follows (the gateway's answer cache keys by it, so a screen told of a
   * change is given the new answer); undefined while nobody does.
   */
  latest(): string | undefined {
    return this.looking ? this.last : undefined;
  }

  /** Calls `listener` with the version each time it is read (each one compares with what it last showed); returns the way to stop. */
  watch(listener: (version: string) => void): () => void {
    this.listeners.add(listener);
    if (!this.looking) {
      this.looking = true;
      this.lookLater();
    }
    return () => this.listeners.delete(listener);
  }

  private lookLater(): void {
    setTimeout(() => void this.look(), this.pollMs).unref();
  }

  private async look(): Promise<void> {
    if (this.listeners.size === 0) {
      this.looking = false;
      this.last = undefined;
      return;
    }
    try {
      const version = await this.readVersion();
      this.last = version;
      for (const listener of [...this.listeners]) listener(version);
    } catch {
      // analytics restarting or unreachable: the next look tells
    }
    this.lookLater();
  }
}
