import type { EventName } from './events.js';
import type { MethodName } from './methods.js';

/**
 * The method and event names as plain strings, without their zod schemas, so the sandboxed
 * preload stays tiny. The type checks below fail the build if a name is missing or unknown.
 */
export const methodNameList = [
  'app:info',
  'settings:get',
  'settings:update',
  'devices:list',
  'devices:add-demo',
  'devices:probe-host',
  'devices:add',
  'devices:rename',
  'devices:reorder',
  'devices:forget-host-key',
  'devices:import-ssh-config',
  'devices:discover',
  'devices:remove',
  'devices:connect',
  'devices:unlock',
  'devices:disconnect',
  'demo:faults',
  'demo:set-fault',
  'telemetry:watch',
  'telemetry:history',
  'telemetry:day',
  'telemetry:check-environment',
  'terminal:open',
  'terminal:input',
  'terminal:resize',
  'terminal:ack',
  'terminal:close',
  'terminal:local-availability',
  'tunnels:list',
  'tunnels:open',
  'tunnels:close',
  'tunnels:scan',
  'containers:list',
  'containers:action',
  'containers:logs',
  'containers:run-preview',
  'containers:run',
  'containers:pull',
  'containers:pull-cancel',
  'apps:list',
  'apps:launch',
  'apps:start',
  'apps:stop',
  'apps:logs',
  'models:list',
  'models:delete',
  'models:download',
  'models:downloads',
  'models:download-cancel',
  'models:download-resume',
  'models:download-remove',
  'models:token-status',
  'models:token-set',
  'serve:plan',
  'serve:launch',
  'serve:list',
  'serve:stop',
  'serve:logs',
  'playground:chat',
  'playground:cancel',
  'playground:stats',
] as const satisfies readonly MethodName[];

export const eventNameList = ['settings:changed', 'devices:changed', 'device:status-changed', 'telemetry:sampled', 'telemetry:facts-read', 'telemetry:failed', 'telemetry:alerted', 'terminal:output', 'terminal:state', 'tunnels:changed', 'containers:pull-progressed', 'apps:changed', 'models:downloads-changed', 'models:library-changed', 'serve:changed', 'serve:progressed', 'playground:streamed', 'playground:finished', 'playground:stats'] as const satisfies readonly EventName[];

type MissingMethod = Exclude<MethodName, (typeof methodNameList)[number]>;
type MissingEvent = Exclude<EventName, (typeof eventNameList)[number]>;
export const namesAreComplete: [MissingMethod, MissingEvent] extends [never, never] ? true : never = true;
