import { z } from 'zod';
import { Settings } from '../domain/settings.js';
import { ConnectionStatus, DeviceView } from '../domain/device.js';
import { BoxFacts, TelemetrySample } from '../domain/telemetry.js';
import { TerminalState } from '../domain/terminal.js';
import { TunnelView } from '../domain/tunnel.js';
import { PullLayerRow, PullPhase } from '../recipes/pull-progress.js';
import { AppView } from '../domain/app.js';
import { DownloadView } from '../domain/model-download.js';
import { ServePhase, ServerView } from '../domain/serve.js';
import { ReplyStats, ServerReplyStats } from '../domain/playground.js';
import { errorCodes } from './errors.js';
import { LoadTestReport } from '../domain/loadtest.js';
import { LoadTestProgress } from './methods/loadtest.js';
import { TransferView } from '../domain/transfer.js';
import { CaptureView } from './methods/profiler.js';
import { CurveChunk, RunView } from '../domain/finetune.js';
import { ExportView } from '../domain/export.js';

/**
 * Every event main can push to the renderer. Names are `domain:past-tense-verb`.
 */
export const events = {
  'settings:changed': Settings,
  'devices:changed': z.array(DeviceView),
  'device:status-changed': z.object({ deviceId: z.string(), status: ConnectionStatus }),
  /** A new sample of a box this window watches (sent only to watching windows). */
  'telemetry:sampled': z.object({ deviceId: z.string(), sample: TelemetrySample }),
  /** The box's facts, read once per connection. */
  'telemetry:facts-read': z.object({ deviceId: z.string(), facts: BoxFacts }),
  /** A threshold was crossed (raised) or the value came back (cleared); to every window. */
  'telemetry:alerted': z.object({ deviceId: z.string(), kind: z.enum(['gpu-hot', 'memory-high', 'disk-full', 'throttled']), raised: z.boolean(), value: z.number(), threshold: z.number(), at: z.number() }),
  /** The collector could not start or stopped with an error (a sentence and a fix). */
  'telemetry:failed': z.object({ deviceId: z.string(), message: z.string(), hint: z.string() }),
  /** A batch of a terminal's output (UTF-8 decoded across chunk edges); `bytes` is what to acknowledge. */
  'terminal:output': z.object({ terminalId: z.string(), data: z.string(), bytes: z.number() }),
  /** A terminal attached, waits for a reconnect, or ended. */
  'terminal:state': z.object({ terminalId: z.string() }).and(TerminalState),
  /** Every open tunnel, after one opened, closed, moved bytes (at most twice a second) or its box came or went. */
  'tunnels:changed': z.array(TunnelView),
  /** A box's apps, after one started, stopped, changed health or was found on the box. */
  'apps:changed': z.object({ deviceId: z.string(), apps: z.array(AppView) }),
  /** A box's model downloads, about once a second while one runs, and when one starts, ends or is removed; to every window. */
  'models:downloads-changed': z.object({ deviceId: z.string(), downloads: z.array(DownloadView) }),
  /** A box's model library changed (a download finished, a model was deleted); windows showing it read it again. */
  'models:library-changed': z.object({ deviceId: z.string() }),
  /** A box's model servers, after one launched, became ready, failed, stopped or was found on the box. */
  'serve:changed': z.object({ deviceId: z.string(), servers: z.array(ServerView) }),
  /** A starting server's phase and newest log lines (at most about once a second); to every window. */
  'serve:progressed': z.object({ deviceId: z.string(), key: z.string(), phase: ServePhase, elapsedMs: z.number(), lines: z.array(z.string()) }),
  /** A pull's layers as they move (at most ~5 times a second, and once at the end); to the caller only. */
  'containers:pull-progressed': z.object({ deviceId: z.string(), pullId: z.string(), image: z.string(), layers: z.array(PullLayerRow), phase: PullPhase }),
  /** A batch of a playground reply's text (~30 ms worth); to the caller only. */
  'playground:streamed': z.object({ streamId: z.string(), delta: z.string(), reasoning: z.string().optional() }),
  /** A playground reply ended: its stats, or what went wrong (both null: it was stopped); to the caller only. */
  'playground:finished': z.object({ streamId: z.string(), stats: ReplyStats.nullable(), error: z.object({ code: z.enum(errorCodes), message: z.string(), hint: z.string() }).nullable() }),
  /** A server's last reply stats changed; to every window (server cards show them). */
  'playground:stats': ServerReplyStats,
  /** A load test's running numbers (at most ~4 a second); to the caller only. */
  'loadtest:progressed': LoadTestProgress,
  /** A load test ended: its report (saved), or what stopped it before any level ran; to the caller only. */
  'loadtest:finished': z.object({ runId: z.string(), report: LoadTestReport.nullable(), error: z.object({ code: z.enum(errorCodes), message: z.string(), hint: z.string() }).nullable() }),
  /** The transfer queue after a change (at most ~4 times a second while bytes move); to every window. */
  'files:transfers-changed': z.object({ transfers: z.array(TransferView) }),
  /** A box's nsys captures (modes 2, 3) after one started, moved on (about once a second) or ended; to every window. */
  'profiler:captures-changed': z.object({ deviceId: z.string(), captures: z.array(CaptureView) }),
  /** A box's fine-tune runs after one started, moved on (about every 2 s while one runs), ended or was found; to every window. */
  'finetune:changed': z.object({ deviceId: z.string(), runs: z.array(RunView) }),
  /** New curve points of a running run, continuing exactly where the last chunk stopped (fromOffset = previous nextOffset); to every window. */
  'finetune:curve-appended': z.object({ deviceId: z.string() }).and(CurveChunk),
  /** A run ended (done, failed with its failing lines, or stopped): once per run, for a notification; to every window. */
  'finetune:ended': z.object({ deviceId: z.string(), run: RunView }),
  /** A box's exports after one started, moved on (about every 2 s while one runs), ended or was found; to every window. */
  'export:changed': z.object({ deviceId: z.string(), exports: z.array(ExportView) }),
  /** An export this backend saw running ended (done, failed with why, or stopped): once, for a notification; to every window. */
  'export:ended': z.object({ deviceId: z.string(), export: ExportView }),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);

export interface EventEnvelope<E extends EventName = EventName> {
  readonly name: E;
  readonly payload: EventPayload<E>;
}
