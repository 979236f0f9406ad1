import type { TFunction } from 'i18next';
import type { Device } from '../../src/domain/device.js';

/** The name a box goes by on screen: the demo box's name is translated, the others are the user's. */
export const boxName = (t: TFunction, device: Pick<Device, 'kind' | 'name'>): string =>
  device.kind === 'demo' ? t('devices.demoName') : device.name;
