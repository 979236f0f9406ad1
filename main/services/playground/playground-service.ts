/**
 * The Playground's side in main: one streamed chat at a time per request, through the tunnel to
 * the server's box port (the one Serve opened, or a new one), text sent to the window in small
 * batches, stats measured here on a monotonic clock, and each server's last stats kept so a
 * server card can show them.
 */
import { randomBytes } from 'node:crypto';
import { AppFailure, appError, type AppError } from '../../../src/contract/errors.js';
import type { ChatMessage, ReplyStats, ServerReplyStats } from '../../../src/domain/playground.js';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import { chatRequestBody } from '../../../src/recipes/playground-request.js';
import type { Logger } from '../log.js';
import { listModels, streamChat, type ChatStream } from './chat-stream.js';
import { replyStats } from './reply-stats.js';
import { failureError } from './stream-errors.js';

export const playgroundTiming = {
  /** Text is sent to the window at most this often: smooth to read, a few dozen events a second at most. */
  batchMs: 30,
} as const;

/** The part of TunnelService the Playground uses. */
export interface PlaygroundTunnels {
  list(deviceId?: string): TunnelView[];
  open(deviceId: string, boxPort: number, options?: { label?: string }): Promise<TunnelView>;
}

export interface PlaygroundEvents {
  streamed(clientId: string, payload: { streamId: string; delta: string; reasoning?: string }): void;
  finished(clientId: string, payload: { streamId: string; stats: ReplyStats | null; error: AppError | null }): void;
  stats(entry: ServerReplyStats): void;
}

export interface ChatRequest {
  readonly deviceId: string;
  readonly boxPort: number;
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly maxTokens: number;
  readonly temperature: number;
  readonly system?: string | undefined;
}

interface LiveStream {
  readonly clientId: string;
  readonly stream: ChatStream;
}

const statsKey = (deviceId: string, boxPort: number) => `${deviceId}:${boxPort}`;

export class PlaygroundService {
  readonly #streams = new Map<string, LiveStream>();
  readonly #stats = new Map<string, ServerReplyStats>();

  constructor(
    private readonly deps: {
      readonly tunnels: PlaygroundTunnels;
      readonly events: PlaygroundEvents;
      readonly log: Logger;
      readonly now?: () => number;
    },
  ) {}

  /** The laptop port of a tunnel to the box port: a ready one that exists, else a new one. */
  async #tunnel(deviceId: string, boxPort: number): Promise<TunnelView> {
    const existing = this.deps.tunnels.list(deviceId).find((t) => t.boxPort === boxPort);
    const tunnel = existing ?? (await this.deps.tunnels.open(deviceId, boxPort, { label: `Model server ${boxPort}` }));
    if (tunnel.state !== 'ready') {
      throw new AppFailure(appError('not-connected', `The box is not connected, so its port ${boxPort} cannot be reached.`, 'Connect to the box (it reconnects by itself when it comes back), then send again.'));
    }
    return tunnel;
  }

  /** Starts the reply; it arrives as events. Throws (as a sentence) only when the server cannot be reached at all. */
  async chat(clientId: string, request: ChatRequest): Promise<{ streamId: string }> {
    const tunnel = await this.#tunnel(request.deviceId, request.boxPort);
    const streamId = randomBytes(8).toString('hex');
    let delta = '';
    let reasoning = '';
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (delta === '' && reasoning === '') return;
      this.deps.events.streamed(clientId, { streamId, delta, ...(reasoning !== '' ? { reasoning } : {}) });
      delta = '';
      reasoning = '';
    };
    const body = chatRequestBody(request);
    const stream = streamChat(
      tunnel.localPort,
      body,
      (content, thought) => {
        delta += content;
        reasoning += thought;
        timer ??= setTimeout(flush, playgroundTiming.batchMs);
      },
      this.deps.now,
    );
    this.#streams.set(streamId, { clientId, stream });
    void stream.outcome.then(async (outcome) => {
      flush();
      this.#streams.delete(streamId);
      if (outcome.kind === 'cancelled') return this.deps.events.finished(clientId, { streamId, stats: null, error: null });
      if (outcome.kind === 'done') {
        const stats = replyStats(outcome.timing);
        if (stats) this.#record({ deviceId: request.deviceId, boxPort: request.boxPort, stats, at: Date.now() });
        return this.deps.events.finished(clientId, { streamId, stats, error: null });
      }
      const { failure } = outcome;
      const models = failure.kind === 'http' && failure.status === 404 ? await listModels(tunnel.localPort) : null;
      const tunnelError = failure.kind === 'unreachable' ? (this.deps.tunnels.list(request.deviceId).find((t) => t.boxPort === request.boxPort)?.lastError ?? null) : null;
      const error = failureError(failure, { boxPort: request.boxPort, localPort: tunnel.localPort, model: request.model, models, tunnelError });
      this.deps.log.warn(`playground: reply from box port ${request.boxPort} failed: ${error.message}`);
      this.deps.events.finished(clientId, { streamId, stats: null, error });
    });
    return { streamId };
  }

  /** Stops a reply at once; only the window that asked for it may. */
  cancel(streamId: string, clientId: string): void {
    const live = this.#streams.get(streamId);
    if (live?.clientId === clientId) live.stream.cancel();
  }

  /** The window went away: nobody reads its replies any more. */
  clientClosed(clientId: string): void {
    for (const live of this.#streams.values()) if (live.clientId === clientId) live.stream.cancel();
  }

  stats(deviceId: string): ServerReplyStats[] {
    return [...this.#stats.values()].filter((s) => s.deviceId === deviceId);
  }

  #record(entry: ServerReplyStats): void {
    this.#stats.set(statsKey(entry.deviceId, entry.boxPort), entry);
    this.deps.events.stats(entry);
  }

  forgetDevice(deviceId: string): void {
    for (const [key, entry] of this.#stats) if (entry.deviceId === deviceId) this.#stats.delete(key);
  }

  dispose(): void {
    for (const live of this.#streams.values()) live.stream.cancel();
  }
}
