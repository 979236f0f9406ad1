import { z } from 'zod';
import { Settings, defaultSettings } from '../../src/domain/settings.js';
import { Device } from '../../src/domain/device.js';
import { TrustedHostKey } from '../../src/domain/host-key.js';
import type { MigrationStep } from './migrations.js';

/**
 * Everything the laptop keeps between runs (secrets live elsewhere, see secret stores).
 * Unknown keys are dropped on load so a hand-edited file with extra keys still opens.
 */
export const documentVersion = 1;

export const AppDocument = z.object({
  version: z.literal(documentVersion),
  settings: Settings.default(defaultSettings()),
  devices: z.array(Device).default([]),
  /** Host keys accepted in the app (the user's own known_hosts is read, never written). */
  knownHosts: z.array(TrustedHostKey).default([]),
});
export type AppDocument = z.infer<typeof AppDocument>;

export const defaultDocument = (): AppDocument => ({ version: documentVersion, settings: defaultSettings(), devices: [], knownHosts: [] });

/** Version 1 is the first released layout, so there is nothing to migrate yet. */
export const documentMigrations: readonly MigrationStep[] = [];
