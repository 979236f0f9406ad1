import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { BoxFacts, TelemetrySample } from '../../domain/telemetry.js';

export const telemetryMethods = {
  /**
   * This window shows (on) or stopped showing (off) a box's telemetry. The collector runs while
   * at least one window watches, and pauses otherwise; samples arrive as telemetry:sampled.
   */
  'telemetry:watch': {
    request: z.strictObject({ deviceId: Id, on: z.boolean(), intervalMs: z.number().int().min(250).max(2000).optional() }),
    response: Empty,
  },
  /** What the laptop kept: up to the last hour at the collector's rate, and the box's facts. */
  'telemetry:history': {
    request: z.strictObject({ deviceId: Id }),
    response: z.object({ facts: BoxFacts.nullable(), samples: z.array(TelemetrySample) }),
  },
  /**
   * The last 24 hours kept on the laptop, one summary per minute (means; temperature its maximum),
   * oldest first; only minutes after `since` when given, so a chart open all day asks for the new ones.
   */
  'telemetry:day': {
    request: z.strictObject({ deviceId: Id, since: z.number().int().nonnegative().optional() }),
    response: z.object({ minutes: z.array(TelemetrySample) }),
  },
  /** Probes the box (arch, driver, docker and its group, NVIDIA runtime, disk, swap, nsys, DGX Dashboard). */
  'telemetry:check-environment': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(
      z.object({
        id: z.enum(['arch', 'driver', 'docker', 'docker-group', 'runtime', 'disk', 'swap', 'nsys', 'dashboard']),
        status: z.enum(['pass', 'warn', 'fail']),
        detail: z.string(),
        fix: z.string(),
      }),
    ),
  },
} as const;
