import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { DeviceView } from '../../domain/device.js';

const DeviceRef = z.strictObject({ deviceId: Id });

export const devicesMethods = {
  'devices:list': { request: Empty, response: z.array(DeviceView) },
  /** Adds the built-in demo box (or returns it if it is there already) and connects to it. */
  'devices:add-demo': { request: Empty, response: DeviceView },
  'devices:remove': { request: DeviceRef, response: z.array(DeviceView) },
  'devices:connect': { request: DeviceRef, response: DeviceView },
  'devices:disconnect': { request: DeviceRef, response: DeviceView },
} as const;
