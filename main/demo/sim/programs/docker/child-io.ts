/**
 * A SimIO for a program docker starts inside a container (`docker exec`, a one-shot `docker run`
 * command): same box, other argv, output captured, and a stop signal of its own so a detached
 * run can give a looping program (`nvidia-smi -l 1`) back to "the background".
 */
import type { SimIO } from '../../io.js';

export interface ChildOptions {
  readonly program: string;
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly write: (text: string) => void;
  readonly error: (text: string) => void;
  readonly signal: AbortSignal;
  /** The container it runs in, when it does. */
  readonly container?: string;
}

export const childIo = (parent: SimIO, options: ChildOptions): SimIO => ({
  ...parent,
  program: options.program,
  argv: options.argv,
  env: options.env ?? parent.env,
  cwd: options.cwd ?? parent.cwd,
  stdin: async () => '',
  write: options.write,
  error: options.error,
  signal: options.signal,
  ...(options.container === undefined ? {} : { container: options.container }),
  sleep: (ms) =>
    new Promise<boolean>((resolve) => {
      if (options.signal.aborted) return resolve(false);
      const timer = setTimeout(() => {
        options.signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      options.signal.addEventListener('abort', onAbort, { once: true });
    }),
});

/** An AbortSignal that fires when `parent` does or after `ms` of real time (undefined: never). */
export const boundedSignal = (parent: AbortSignal, ms: number | undefined): { signal: AbortSignal; dispose: () => void } => {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', onAbort, { once: true });
  const timer = ms === undefined ? undefined : setTimeout(() => controller.abort(), ms);
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer) clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
};

/** Collects written text into whole lines, each stamped when its newline arrived. */
export class LineCollector {
  private partial = '';
  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.onLine(line.replace(/\r$/, ''));
  }

  flush(): void {
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
