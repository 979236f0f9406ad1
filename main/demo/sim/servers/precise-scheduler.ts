/**
 * Fires callbacks at performance.now() deadlines with sub-millisecond accuracy. setTimeout alone
 * fires up to a millisecond late (and rounds to whole milliseconds); that error would show up in
 * every token timing a benchmark measures. One timer sleeps until just before the earliest
 * deadline, then the scheduler yields with setImmediate (so I/O keeps flowing) until it is due.
 * All streams share it, so 64 concurrent streams cost one timer, not 64.
 */
const spinWindowMs = 2;

interface Task {
  readonly at: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class PreciseScheduler {
  private readonly tasks: Task[] = [];
  private timer: NodeJS.Timeout | undefined;
  private spinning = false;

  at(deadline: number, run: () => void): () => void {
    const task: Task = { at: deadline, run, cancelled: false };
    // Keep the list sorted by deadline (streams add near the end, so search from the back).
    let i = this.tasks.length;
    while (i > 0 && this.tasks[i - 1]!.at > deadline) i -= 1;
    this.tasks.splice(i, 0, task);
    this.arm();
    return () => {
      task.cancelled = true;
    };
  }

  /** Resolves true at the deadline, false if the signal aborts first. */
  until(deadline: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        cancel();
        resolve(false);
      };
      const cancel = this.at(deadline, () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private arm(): void {
    if (this.spinning) return;
    const next = this.tasks[0];
    if (!next) return;
    if (this.timer) clearTimeout(this.timer);
    const wait = next.at - performance.now() - spinWindowMs;
    if (wait <= 0) {
      this.timer = undefined;
      this.spin();
    } else {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.spin();
      }, wait);
    }
  }

  private spin(): void {
    this.spinning = true;
    const now = performance.now();
    while (this.tasks.length > 0 && this.tasks[0]!.at <= now) {
      const task = this.tasks.shift()!;
      if (!task.cancelled) task.run();
    }
    while (this.tasks.length > 0 && this.tasks[0]!.cancelled) this.tasks.shift();
    const next = this.tasks[0];
    if (next && next.at - performance.now() <= spinWindowMs) {
      setImmediate(() => this.spin());
      return;
    }
    this.spinning = false;
    this.arm();
  }
}
