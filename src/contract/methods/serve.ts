import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { ServeModelInfo, ServePlanView, ServerKey, ServerView } from '../../domain/serve.js';
import { ServeSpec } from '../../recipes/serve/serve-spec.js';

/** An edited command: one line or a few, never the size of a file. */
const EditedCommand = z.string().min(1).max(20_000);

export const serveMethods = {
  /**
   * What a launch will do (command, image, port, readiness probe, options file) and the memory
   * guard's judgement against the box now: MemAvailable, other servers, models Ollama keeps loaded.
   */
  'serve:plan': {
    request: z.strictObject({ deviceId: Id, spec: ServeSpec, model: ServeModelInfo.optional() }),
    response: ServePlanView,
  },
  /**
   * Starts a server: refused when the guard refuses (the numbers and fixes in the error), the image
   * checked to run on arm64, then run detached; it is followed until ready (serve:progressed) and
   * tunnelled. An edited command runs as edited; the guard still judges the spec.
   */
  'serve:launch': {
    request: z.strictObject({ deviceId: Id, spec: ServeSpec, model: ServeModelInfo.optional(), command: EditedCommand.optional() }),
    response: ServerView,
  },
  /** The box's servers, found by their labels. Changes arrive as serve:changed. */
  'serve:list': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(ServerView),
  },
  /** Stops it and closes its tunnel; `remove` also deletes its container. */
  'serve:stop': {
    request: z.strictObject({ deviceId: Id, key: ServerKey, remove: z.boolean().default(false) }),
    response: Empty,
  },
  /** The last lines its engine printed. */
  'serve:logs': {
    request: z.strictObject({ deviceId: Id, key: ServerKey, tail: z.number().int().min(1).max(100_000) }),
    response: z.object({ text: z.string() }),
  },
} as const;
