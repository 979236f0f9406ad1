import { z } from 'zod';
import type { AppError, Result } from './errors.js';
import type { Capabilities } from './bridge.js';

/**
 * Browser mode's WebSocket protocol. Every message is one JSON object.
 * client → server: call. server → client: hello (once), result (one per call), event.
 * The envelope is validated here; the payload is validated against the method's own schema.
 */
export const CallMessage = z.strictObject({
  t: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(100),
  payload: z.unknown(),
});
export type CallMessage = z.infer<typeof CallMessage>;

export type ServerMessage =
  | { readonly t: 'hello'; readonly capabilities: Capabilities }
  | { readonly t: 'result'; readonly id: number | null; readonly result: Result<unknown> }
  | { readonly t: 'event'; readonly name: string; readonly payload: unknown };

export const badRequest = (message: string, hint = 'This is a bug in the caller; the request was ignored.'): AppError => ({
  code: 'bad-request',
  message,
  hint,
});
