/**
 * A pipe between two commands: text written by one is read, as it is produced, by the next.
 * Closing the read end (the reader finished, like `head`) makes the writer's signal abort,
 * which is SIGPIPE for simulated programs.
 */
export class Pipe implements AsyncIterable<string> {
  private readonly chunks: string[] = [];
  private waiting: (() => void) | undefined;
  private ended = false;

  write(text: string): void {
    if (this.ended || text.length === 0) return;
    this.chunks.push(text);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
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
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}

export const emptyInput: AsyncIterable<string> = {
  async *[Symbol.asyncIterator]() {},
};

export const readAll = async (input: AsyncIterable<string>): Promise<string> => {
  let text = '';
  for await (const chunk of input) text += chunk;
  return text;
};

/** Lines of a stream as they complete (the last one without its newline, if any). */
export async function* lines(input: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of input) {
    buffer += chunk;
    let cut: number;
    while ((cut = buffer.indexOf('\n')) >= 0) {
      yield buffer.slice(0, cut);
      buffer = buffer.slice(cut + 1);
    }
  }
  if (buffer.length > 0) yield buffer;
}

export const stringInput = (text: string): AsyncIterable<string> => ({
  async *[Symbol.asyncIterator]() {
    if (text.length > 0) yield text;
  },
});
