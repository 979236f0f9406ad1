import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { AppKey, AppView } from '../../domain/app.js';
import { AppSpec } from '../../recipes/app-specs.js';

export const appsMethods = {
  /** The box's apps: found by their labels (containers) and job folders, plus its services. Changes arrive as apps:changed. */
  'apps:list': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(AppView),
  },
  /**
   * Starts an app (the command launch() gives for the spec: the renderer shows the same one
   * first), forwards its port and watches its health. An app that already runs is reused.
   */
  'apps:launch': {
    request: z.strictObject({ deviceId: Id, spec: AppSpec }),
    response: AppView,
  },
  /** Starts a stopped app again (its container or, for a job, its recipe). */
  'apps:start': {
    request: z.strictObject({ deviceId: Id, key: AppKey }),
    response: AppView,
  },
  /** Stops it and closes its tunnel; `remove` also deletes its container or job folder. */
  'apps:stop': {
    request: z.strictObject({ deviceId: Id, key: AppKey, remove: z.boolean().default(false) }),
    response: Empty,
  },
  /** The last lines it printed (a container's logs, a job's log file). */
  'apps:logs': {
    request: z.strictObject({ deviceId: Id, key: AppKey, tail: z.number().int().min(1).max(100_000) }),
    response: z.object({ text: z.string() }),
  },
} as const;
