/**
 * Byte streams between commands. A Pipe carries text from one pipeline stage to the next as it
 * is produced; once its reader has finished, the writer's next write breaks the pipe, which is
 * SIGPIPE: `nvidia-smi -l 1 | head -n 3` ends, while `sleep 5 | true` still waits, as in bash.
 */
export class Pipe implements AsyncIterable<string> {
  private readonly chunks: string[] = [];
  private waiting: (() => void) | undefined;
  private ended = false;
  private readerGone = false;

  /** onBroken: what a write after the reader has gone does (abort the writer). */
  constructor(private readonly onBroken: () => void) {}

  write = (text: string): void => {
    if (this.readerGone) {
      this.onBroken();
      return;
    }
    if (this.ended || text.length === 0) return;
    this.chunks.push(text);
    this.wake();
  };

  /** The writer is done: the reader sees end of file after what is buffered. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** The reader is done: buffered text is dropped and further writes break the pipe. */
  closeRead(): void {
    this.readerGone = true;
    this.chunks.length = 0;
  }

  private wake(): void {
    const resume = this.waiting;
    this.waiting = undefined;
    resume?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (this.ended || this.readerGone) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}

export const emptyInput: AsyncIterable<string> = {
  async *[Symbol.asyncIterator]() {},
};

export const stringInput = (text: string): AsyncIterable<string> => ({
  async *[Symbol.asyncIterator]() {
    if (text.length > 0) yield text;
  },
});

/** All of a stream; stops early (with what it has) when the signal aborts. */
export const readAll = async (input: AsyncIterable<string>, signal?: AbortSignal): Promise<string> => {
  let text = '';
  for await (const chunk of input) {
    text += chunk;
    if (signal?.aborted) break;
  }
  return text;
};

/** Lines of a stream as they complete, each with its newline (the last may lack one). */
export async function* lines(input: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of input) {
    buffer += chunk;
    let cut: number;
    while ((cut = buffer.indexOf('\n')) >= 0) {
      yield buffer.slice(0, cut + 1);
      buffer = buffer.slice(cut + 1);
    }
  }
  if (buffer.length > 0) yield buffer;
}

/** Lets other stages run between chunks of a producer that never waits (yes, seq, cat of a big file). */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Waits ms; resolves false early when the signal aborts (Ctrl-C, kill, a broken pipe). */
export const sleep = (ms: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
