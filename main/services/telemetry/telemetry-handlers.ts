import type { Handlers } from '../rpc/router.js';
import type { TelemetryService } from './telemetry-service.js';
import type { SshConnection } from '../../ssh/connection.js';
import { environmentCheckCommand, readEnvironmentCheck } from '../../../src/recipes/environment-check.js';

export const telemetryHandlers = (
  telemetry: TelemetryService,
  checkDevice: (deviceId: string) => void,
  connection: (deviceId: string) => SshConnection,
): Pick<Handlers, 'telemetry:watch' | 'telemetry:history' | 'telemetry:day' | 'telemetry:check-environment'> => ({
  'telemetry:watch': ({ deviceId, on, intervalMs }, context) => {
    checkDevice(deviceId);
    telemetry.watch(context.clientId, deviceId, on, intervalMs);
    // A closed window or socket stops watching by itself.
    if (on) context.onClientClosed(() => telemetry.forget(context.clientId));
    return {};
  },
  'telemetry:history': ({ deviceId }) => {
    checkDevice(deviceId);
    return telemetry.history(deviceId);
  },
  'telemetry:day': ({ deviceId, since }) => {
    checkDevice(deviceId);
    return { minutes: telemetry.day(deviceId, since) };
  },
  'telemetry:check-environment': async ({ deviceId }) => {
    checkDevice(deviceId);
    const result = await connection(deviceId).exec(environmentCheckCommand(), { timeoutMs: 30_000 });
    return readEnvironmentCheck(result.stdout);
  },
});
