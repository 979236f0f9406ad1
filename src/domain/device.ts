import { z } from 'zod';
import { payloadLimits } from '../contract/schema-helpers.js';

/** How the app logs in to a box. Passwords are never stored: they exist only during a bootstrap. */
export const DeviceAuth = z.discriminatedUnion('kind', [
  /** The key pair PGX Companion created for this box (private key in the secret store). */
  z.object({ kind: z.literal('app-key') }),
  /** A private key file of the user's (read, never written). */
  z.object({ kind: z.literal('key-file'), path: z.string().min(1).max(payloadLimits.pathLength) }),
  /** ssh-agent (SSH_AUTH_SOCK; Pageant or the OpenSSH agent pipe on Windows). */
  z.object({ kind: z.literal('agent') }),
  /** The built-in demo box's own key. */
  z.object({ kind: z.literal('demo') }),
]);
export type DeviceAuth = z.infer<typeof DeviceAuth>;

export const JumpHost = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1).max(64),
});
export type JumpHost = z.infer<typeof JumpHost>;

export const Device = z.object({
  id: z.string().min(1).max(payloadLimits.idLength),
  name: z.string().min(1).max(payloadLimits.nameLength),
  kind: z.enum(['ssh', 'demo']),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1).max(64),
  auth: DeviceAuth,
  /** ProxyJump chain, outermost first. */
  jump: z.array(JumpHost).max(8).default([]),
  createdAt: z.number().int(),
});
export type Device = z.infer<typeof Device>;

/** Where a device's connection stands. The sidebar dot and every page read this. */
export const ConnectionStatus = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disconnected') }),
  z.object({ kind: z.literal('connecting'), attempt: z.number().int() }),
  z.object({ kind: z.literal('connected'), since: z.number() }),
  z.object({
    kind: z.literal('reconnecting'),
    attempt: z.number().int(),
    /** Epoch ms of the next try, for "reconnecting in N s". */
    retryAt: z.number(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('failed'),
    code: z.string(),
    message: z.string(),
    hint: z.string(),
  }),
]);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const DeviceView = z.object({
  device: Device,
  status: ConnectionStatus,
});
export type DeviceView = z.infer<typeof DeviceView>;
