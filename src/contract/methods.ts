import type { z } from 'zod';
import { appMethods } from './methods/app.js';
import { settingsMethods } from './methods/settings.js';
import { devicesMethods } from './methods/devices.js';
import { demoMethods } from './methods/demo.js';
import { telemetryMethods } from './methods/telemetry.js';
import { terminalMethods } from './methods/terminal.js';
import { tunnelsMethods } from './methods/tunnels.js';
import { containersMethods } from './methods/containers.js';
import { appsMethods } from './methods/apps.js';
import { modelsMethods } from './methods/models.js';
import { serveMethods } from './methods/serve.js';
import { playgroundMethods } from './methods/playground.js';
import { loadtestMethods } from './methods/loadtest.js';
import { filesMethods } from './methods/files.js';
import { profilerMethods } from './methods/profiler.js';
import { finetuneMethods } from './methods/finetune.js';
import { exportMethods } from './methods/export.js';

export interface MethodSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/**
 * Every call the renderer can make, request → response. Names are `domain:verb`.
 * Each feature declares its own map in methods/<feature>.ts; this is the union.
 */
export const methods = {
  ...appMethods,
  ...settingsMethods,
  ...devicesMethods,
  ...demoMethods,
  ...telemetryMethods,
  ...terminalMethods,
  ...tunnelsMethods,
  ...containersMethods,
  ...appsMethods,
  ...modelsMethods,
  ...serveMethods,
  ...playgroundMethods,
  ...loadtestMethods,
  ...filesMethods,
  ...profilerMethods,
  ...finetuneMethods,
  ...exportMethods,
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodRequest<M extends MethodName> = z.input<Methods[M]['request']>;
export type MethodParsedRequest<M extends MethodName> = z.output<Methods[M]['request']>;
export type MethodResponse<M extends MethodName> = z.output<Methods[M]['response']>;

export const methodNames = Object.keys(methods) as MethodName[];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
