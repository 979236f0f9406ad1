import type { Handlers } from '../rpc/router.js';
import type { TelemetryService } from './telemetry-service.js';

export const telemetryHandlers = (telemetry: TelemetryService, checkDevice: (deviceId: string) => void): Pick<Handlers, 'telemetry:watch' | 'telemetry:history'> => ({
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
});
