/**
 * One watch of the read model's version per gateway process, shared by every dashboard it pushes to: a
 * thousand screens cost one small read a second, not a thousand dashboard answers. It asks only while
 * someone listens.
 */
export class ReadModelWatch {
  private readonly listeners = new Set<(version: string) => void>();
  private looking = false;

  constructor(
    private readonly readVersion: () => Promise<string>,
    private readonly pollMs: number,
  ) {}

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
      return;
    }
    try {
      const version = await this.readVersion();
      for (const listener of [...this.listeners]) listener(version);
    } catch {
      // analytics restarting or unreachable: the next look tells
    }
    this.lookLater();
  }
}
