import { z } from 'zod';

/** A port on the box reachable on this computer's 127.0.0.1. */
export const TunnelView = z.object({
  id: z.string(),
  deviceId: z.string(),
  boxPort: z.number().int(),
  /** Where it answers here; differs from preferredPort when that one was taken. */
  localPort: z.number().int(),
  preferredPort: z.number().int(),
  label: z.string().nullable(),
  /** The app it belongs to, when an app opened it. */
  appId: z.string().nullable(),
  url: z.string(),
  /** ready: the box is connected; waiting: it is away, and new connections wait for it. */
  state: z.enum(['ready', 'waiting']),
  connections: z.number().int(),
  /** Bytes from the box to this computer, and back. */
  bytesIn: z.number(),
  bytesOut: z.number(),
  /** Why the last connection could not reach the box's port (null once one did). */
  lastError: z.string().nullable(),
});
export type TunnelView = z.infer<typeof TunnelView>;

/** A TCP port something listens on, on the box (from `ss -ltnH`). */
export const ListeningPort = z.object({
  port: z.number().int(),
  addresses: z.array(z.string()),
  public: z.boolean(),
  process: z.string().nullable(),
});
export type ListeningPort = z.infer<typeof ListeningPort>;
