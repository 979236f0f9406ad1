import { z } from 'zod';
import { Empty, Id, Name } from '../schema-helpers.js';
import { ListeningPort, TunnelView } from '../../domain/tunnel.js';

const Port = z.number().int().min(1).max(65535);

export const tunnelsMethods = {
  /** Open tunnels (of one box, or all). Changes arrive as tunnels:changed. */
  'tunnels:list': {
    request: z.strictObject({ deviceId: Id.optional() }),
    response: z.array(TunnelView),
  },
  /** Forwards a port of the box to 127.0.0.1 here: `localPort` when free (default: the box's number), another when taken. */
  'tunnels:open': {
    request: z.strictObject({ deviceId: Id, boxPort: Port, localPort: Port.optional(), label: Name.optional() }),
    response: TunnelView,
  },
  /** What listens on TCP on the box (`ss -ltnH`), to offer forwarding it. */
  'tunnels:scan': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(ListeningPort),
  },
  'tunnels:close': {
    request: z.strictObject({ tunnelId: Id }),
    response: Empty,
  },
} as const;
