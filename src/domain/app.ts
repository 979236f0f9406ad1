import { z } from 'zod';
import { appIds } from '../recipes/app-specs.js';

/**
 * Which app on which box: `container:<name>`, `job:<id>` (a custom app run on the box itself) or
 * `service:<unit>` (DGX OS's Ollama, the DGX Dashboard). Stable across restarts and laptops: it is
 * built from what the box says, not from anything kept here.
 */
export const AppKey = z.string().max(160).regex(/^(container|job|service):[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'an app key like container:pgx-jupyterlab');
export type AppKey = z.infer<typeof AppKey>;

/**
 * starting: launched, not answering yet (within its startup time); healthy: its health path
 * answers; unhealthy: it answered before and stopped answering; failed: it did not come up in
 * time, or its process ended; stopped: not running; unknown: the box is away, nothing can be said.
 */
export const AppHealth = z.enum(['starting', 'healthy', 'unhealthy', 'failed', 'stopped', 'unknown']);
export type AppHealth = z.infer<typeof AppHealth>;

/** One app on a box, as its card shows it. */
export const AppView = z.object({
  key: AppKey,
  deviceId: z.string(),
  app: z.enum(appIds),
  /** A custom app's id and name; null for ours. */
  customId: z.string().nullable(),
  customName: z.string().nullable(),
  where: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('container'), name: z.string() }),
    z.object({ kind: z.literal('host-job'), id: z.string() }),
    z.object({ kind: z.literal('box-service'), unit: z.string().nullable() }),
  ]),
  /** Its process or container runs (a box service: systemd says active, or it answers). */
  running: z.boolean(),
  health: AppHealth,
  /** When this laptop started it (null when found already running): the card's progress. */
  startedAt: z.number().nullable(),
  startupMs: z.number(),
  /** The box port it answers on; null when its labels lost it (it can still be stopped). */
  boxPort: z.number().int().nullable(),
  /** What the browser opens on this computer (JupyterLab's with its token), once tunnelled. */
  url: z.string().nullable(),
  tunnelId: z.string().nullable(),
  /** The command that started it, exactly as the box ran it (null for a box service or one found running). */
  command: z.string().nullable(),
  /** Why it failed or stopped answering, in a sentence (null when fine). */
  problem: z.string().nullable(),
});
export type AppView = z.infer<typeof AppView>;
