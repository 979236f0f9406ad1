/**
 * Output flow control for one terminal, from the PTY to xterm and back:
 *
 *   PTY data → decode (UTF-8, across chunk edges) → batch → emit ─┐
 *      ▲                                                          ▼
 *   pause/resume ◄── unacknowledged bytes ◄── ack (xterm parsed them)
 *
 * Bytes the renderer has not acknowledged are "in flight". The budget is what may be in flight,
 * sized by delay: each batch's time from emit to ack is measured, and the budget grows while
 * that stays well under `aheadMs` with the pipe full, and shrinks in proportion when it goes
 * over. So a fast screen gets a budget that keeps it busy, and a slow one (or a loaded machine)
 * a budget it parses within `aheadMs`. (Sizing it from the rate the acks come back at does not
 * work: that rate is itself limited by the budget, and the two shrink each other to the floor.)
 * At the budget (the high watermark) the PTY is paused; at a quarter of it (the low watermark)
 * it resumes. For an SSH channel the budget is
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
   * How long output may wait between leaving here and being parsed. A typed key's echo and
   * Ctrl-C wait behind it, and behind what the box's PTY and sshd hold (outside this count): 30 ms
   * leaves room for those under the 100 ms a person notices.
   */
  aheadMs: 30,
  /** Grow only while the delay is under this share of aheadMs (room left), by this factor. */
  growBelow: 0.6,
  growBy: 1.25,
  /** A shrink at most halves the budget at once: one slow frame is not a trend. */
  maxShrink: 0.5,
  /** The budget at the start, and its bounds. The floor keeps a slow link busy (two of the
   * renderer's 16 KiB ack groups); the ceiling bounds memory for a fast screen. */
  initialBudget: 128 * 1024,
  minBudget: 32 * 1024,
  maxBudget: 4 * 1024 * 1024,
  /** The budget changes at most this often; delays are smoothed in between. */
  adjustEveryMs: 50,
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
  #budget: number = terminalFlow.initialBudget;
  /** Emitted batches not yet fully acknowledged: when each left, and the byte count at its end. */
  #sent: Array<{ at: number; end: number }> = [];
  #emitted = 0;
  #acked = 0;
  /** Smoothed emit-to-ack delay (ms; 0 until measured), and whether the budget was reached since the last change. */
  #delay = 0;
  #filled = false;
  #adjustedAt = 0;

  constructor(
    private readonly sink: FlowSink,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Bytes that may be in flight now (the high watermark); the low watermark is a quarter. */
  get budget(): number {
    return this.#budget;
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
    if (this.#inFlight >= this.#budget) {
      this.#filled = true;
      if (!this.#paused) {
        this.#paused = true;
        this.sink.pause();
      }
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
    this.#emitted += bytes;
    this.#sent.push({ at: this.now(), end: this.#emitted });
    this.sink.emit(data, bytes);
  }

  ack(bytes: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - bytes);
    this.#acked = Math.min(this.#emitted, this.#acked + bytes);
    const now = this.now();
    let delay: number | undefined;
    while (this.#sent.length > 0 && this.#sent[0]!.end <= this.#acked) delay = now - this.#sent.shift()!.at;
    if (delay !== undefined) this.#measure(delay, now);
    if (this.#paused && this.#inFlight <= this.#budget / 4) {
      this.#paused = false;
      this.sink.resume();
    }
  }

  #measure(delay: number, now: number): void {
    this.#delay = this.#delay === 0 ? delay : 0.7 * this.#delay + 0.3 * delay;
    if (now - this.#adjustedAt < terminalFlow.adjustEveryMs) return;
    this.#adjustedAt = now;
    const { aheadMs, growBelow, growBy, maxShrink, minBudget, maxBudget } = terminalFlow;
    if (this.#delay > aheadMs) this.#budget = Math.max(minBudget, Math.round(this.#budget * Math.max(maxShrink, aheadMs / this.#delay)));
    // Room left and the budget was what held output back: the screen can take more.
    else if (this.#filled && this.#delay < aheadMs * growBelow) this.#budget = Math.min(maxBudget, Math.round(this.#budget * growBy));
    this.#filled = false;
  }

  /**
   * Forgets what is in flight: the window that would acknowledge it is gone, so waiting for its
   * acks would stall the shell for ever. The next window starts from zero.
   */
  reset(): void {
    this.flush();
    this.#sent = [];
    this.#acked = this.#emitted;
    this.#inFlight = 0;
    if (this.#paused) {
      this.#paused = false;
      this.sink.resume();
    }
  }

  dispose(): void {
    this.flush();
    this.#disposed = true;
  }
}
