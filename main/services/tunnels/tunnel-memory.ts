/**
 * The tunnels open when the app last ran, kept in `<data dir>/tunnels.json` (0600), so a forward
 * someone set up (or an app's) is there again after a restart, on the same laptop port when it is
 * free: a bookmark of http://127.0.0.1:8888/ keeps working. A file that does not read is ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../../store/json-file-backend.js';
import type { Logger } from '../log.js';

export const RememberedTunnel = z.object({
  deviceId: z.string(),
  boxPort: z.number().int().min(1).max(65535),
  localPort: z.number().int().min(1).max(65535),
  label: z.string().nullable(),
  appId: z.string().nullable(),
});
export type RememberedTunnel = z.infer<typeof RememberedTunnel>;

export interface TunnelMemory {
  load(): RememberedTunnel[];
  save(tunnels: readonly RememberedTunnel[]): void;
}

export const fileTunnelMemory = (path: string, log: Logger): TunnelMemory => ({
  load: () => {
    if (!existsSync(path)) return [];
    try {
      const parsed = z.array(RememberedTunnel).safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return parsed.data;
      log.warn(`tunnels: ${path} does not read as a tunnel list; starting without remembered tunnels`);
    } catch (error) {
      log.warn(`tunnels: could not read ${path}`, error);
    }
    return [];
  },
  save: (tunnels) => {
    try {
      writeFileAtomic(path, `${JSON.stringify(tunnels, null, 1)}\n`);
    } catch (error) {
      log.warn(`tunnels: could not write ${path}`, error);
    }
  },
});
