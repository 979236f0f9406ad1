/**
 * Output flow control for one terminal, from the PTY to xterm and back:
 *
 *   PTY data → decode (UTF-8, across chunk edges) → batch → emit ─┐
 *      ▲                                                          ▼
 *   pause/resume ◄── unacknowledged bytes ◄── ack (xterm parsed them)
 *
 * Bytes the renderer has not acknowledged are "in flight". Above the high watermark the PTY is
 * paused (for SSH: the channel stops reading, its window closes, and the box's shell blocks in
 * write — as in a real terminal); below the low watermark it resumes. So `yes` cannot outrun
 * xterm, memory stays bounded by the watermark, and Ctrl-C reaches a shell whose output is at
 * most one watermark ahead of the screen.
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
   * Pause above this much unacknowledged output. xterm parses roughly 30–100 MB/s, so this is
   * 5–20 ms of its work: Ctrl-C shows within a frame or two, and throughput keeps the pipe full
   * (an ack round trip on loopback is well under 1 ms).
   */
  highWatermark: 512 * 1024,
  /** Resume below this (a gap between the two stops pause/resume from flapping on every ack). */
  lowWatermark: 128 * 1024,
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

  constructor(private readonly sink: FlowSink) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  get paused(): boolean {
    return this.#paused;
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
    if (!this.#paused && this.#inFlight >= terminalFlow.highWatermark) {
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

  ack(bytes: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - bytes);
    if (this.#paused && this.#inFlight <= terminalFlow.lowWatermark) {
      this.#paused = false;
      this.sink.resume();
    }
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
