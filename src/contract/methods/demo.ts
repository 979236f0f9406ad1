import { z } from 'zod';
import { Empty } from '../schema-helpers.js';
import { faultNames } from '../../domain/faults.js';

export const FaultState = z.strictObject({ fault: z.enum(faultNames), on: z.boolean() });

export const demoMethods = {
  /** The demo box's fault switches (the demo box starts if it is not running). */
  'demo:faults': { request: Empty, response: z.array(FaultState) },
  'demo:set-fault': { request: FaultState, response: z.array(FaultState) },
} as const;
