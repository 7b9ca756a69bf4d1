/**
 * Durations the extension measures of itself where users wait: activation, each hover, each quiz
 * message from arrival to the view it causes being posted. Kept in memory (a bounded list per
 * name), exposed on the extension's API for the integration run's performance figures, and
 * written to the output channel at trace level so a user can see them (Developer: Set Log Level).
 */
export class PerfLog {
  private readonly samples = new Map<string, number[]>();
  constructor(private readonly trace?: (line: string) => void, private readonly keep = 200) {}

  record(name: string, ms: number): void {
    const list = this.samples.get(name) ?? [];
    list.push(ms);
    if (list.length > this.keep) list.shift();
    this.samples.set(name, list);
    this.trace?.(`perf: ${name} ${ms.toFixed(2)} ms`);
  }

  /** Runs `fn` and records how long it took, also when it throws. */
  time<T>(name: string, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.record(name, performance.now() - t0);
    }
  }

  /** Every sample kept for `name`, oldest first. */
  get(name: string): readonly number[] {
    return this.samples.get(name) ?? [];
  }
}
