/**
 * Output flow control for one terminal, from the PTY to xterm and back:
 *
 *   PTY data → decode (UTF-8, across chunk edges) → batch → emit ─┐
 *      ▲                                                          ▼
 *   pause/resume ◄── unacknowledged bytes ◄── ack (xterm parsed them)
 *
 * Bytes the renderer has not acknowledged are "in flight". The budget is what may be in flight:
 * about 40 ms of what the screen parses per second. At the budget (the high watermark) the PTY
 * is paused; at a quarter of it (the low watermark) it resumes. For an SSH channel the budget is
 * also the SSH window the box gets (main/ssh/channel-window.ts), so the box's shell blocks in
 * write as in a real terminal. `yes` cannot outrun xterm, memory stays bounded, and a typed key
 * or Ctrl-C is at most one budget behind the screen.
 */
import { StringDecoder } from 'node:string_decoder';

export const terminalFlow = {
  /**
   * Output is gathered this long before it is sent: one message per few milliseconds instead of
   * one per SSH packet (32 KiB or less), and still far below what a person notices.
   */
  batchMs: 4,
  /** A batch this large goes at once (about a frame of xterm parsing). */
  batchMaxBytes: 64 * 1024,
  /**
   * How much output may be ahead of the screen, in time: a typed key's echo and Ctrl-C wait
   * behind it, so it stays well under the 100 ms a person notices. The budget in bytes follows
   * how fast the screen actually parses (measured from the acks).
   */
  budgetMs: 40,
  /** The budget before anything is measured, and its bounds. The floor keeps a slow link busy
   * (one ack round trip must fit in it); the ceiling bounds memory for a fast screen. */
  initialBudget: 256 * 1024,
  minBudget: 96 * 1024,
  maxBudget: 4 * 1024 * 1024,
  /** Parse rate is measured over windows this long, smoothed. */
  rateWindowMs: 50,
} as const;

export interface FlowSink {
  emit(data: string, bytes: number): void;
  pause(): void;
  resume(): void;
}

export class TerminalFlow {
  #decoder = new StringDecoder('utf8');
  #pending = '';
  #pendingBytes = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Bytes received from the PTY and not yet acknowledged (pending ones included). */
  #inFlight = 0;
  #paused = false;
  #disposed = false;
  /** Parse rate in bytes per millisecond (0 until measured) and the window being measured. */
  #rate = 0;
  #windowStart = 0;
  #windowBytes = 0;

  constructor(private readonly sink: FlowSink) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Bytes that may be in flight now (the high watermark); the low watermark is a quarter. */
  get budget(): number {
    if (this.#rate === 0) return terminalFlow.initialBudget;
    return Math.round(Math.min(terminalFlow.maxBudget, Math.max(terminalFlow.minBudget, this.#rate * terminalFlow.budgetMs)));
  }

  push(chunk: Buffer): void {
    if (this.#disposed) return;
    this.#take(this.#decoder.write(chunk), chunk.length);
  }

  /** Output that arrives as text already (node-pty decodes it): counted in its UTF-8 bytes. */
  pushText(text: string): void {
    if (this.#disposed) return;
    this.#take(text, Buffer.byteLength(text));
  }

  #take(text: string, bytes: number): void {
    this.#pending += text;
    this.#pendingBytes += bytes;
    this.#inFlight += bytes;
    if (!this.#paused && this.#inFlight >= this.budget) {
      this.#paused = true;
      this.sink.pause();
    }
    if (this.#pendingBytes >= terminalFlow.batchMaxBytes) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), terminalFlow.batchMs);
  }

  /** Sends what is gathered now (also at the end of a stream, so nothing waits for a timer). */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pendingBytes === 0 || this.#disposed) return;
    const data = this.#pending;
    const bytes = this.#pendingBytes;
    this.#pending = '';
    this.#pendingBytes = 0;
    this.sink.emit(data, bytes);
  }

  ack(bytes: number, now = performance.now()): void {
    this.#inFlight = Math.max(0, this.#inFlight - bytes);
    this.#measure(bytes, now);
    if (this.#paused && this.#inFlight <= this.budget / 4) {
      this.#paused = false;
      this.sink.resume();
    }
  }

  #measure(bytes: number, now: number): void {
    if (this.#windowStart === 0) this.#windowStart = now;
    this.#windowBytes += bytes;
    const elapsed = now - this.#windowStart;
    if (elapsed < terminalFlow.rateWindowMs) return;
    const sample = this.#windowBytes / elapsed;
    // A quiet spell (a prompt, not a flood) says nothing about parse speed: only busy windows count.
    if (this.#windowBytes >= terminalFlow.minBudget) this.#rate = this.#rate === 0 ? sample : 0.7 * this.#rate + 0.3 * sample;
    this.#windowStart = now;
    this.#windowBytes = 0;
  }

  /**
   * Forgets what is in flight: the window that would acknowledge it is gone, so waiting for its
   * acks would stall the shell for ever. The next window starts from zero.
   */
  reset(): void {
    this.flush();
    this.ack(this.#inFlight);
  }

  dispose(): void {
    this.flush();
    this.#disposed = true;
  }
}
