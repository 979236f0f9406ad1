import { z } from 'zod';
import { Settings } from '../domain/settings.js';
import { ConnectionStatus, DeviceView } from '../domain/device.js';
import { BoxFacts, TelemetrySample } from '../domain/telemetry.js';
import { TerminalState } from '../domain/terminal.js';
import { TunnelView } from '../domain/tunnel.js';
import { PullLayerRow, PullPhase } from '../recipes/pull-progress.js';
import { AppView } from '../domain/app.js';

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
  /** A pull's layers as they move (at most ~5 times a second, and once at the end); to the caller only. */
  'containers:pull-progressed': z.object({ deviceId: z.string(), pullId: z.string(), image: z.string(), layers: z.array(PullLayerRow), phase: PullPhase }),
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
