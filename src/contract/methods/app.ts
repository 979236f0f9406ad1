import { z } from 'zod';
import { Empty } from '../schema-helpers.js';

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** The laptop's OS, for keyboard hints and paths. */
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
  /** Where secrets live: the OS keychain (Electron safeStorage) or a 0600 file (browser mode). */
  secretStorage: z.enum(['os-keychain', 'file-0600']),
  /** Folder holding settings, known hosts and keys; shown so users know what to back up or delete. */
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appMethods = {
  'app:info': { request: Empty, response: AppInfo },
} as const;
