import type { Handlers } from '../rpc/router.js';
import type { ContainerService } from './container-service.js';

export const containerHandlers = (
  containers: ContainerService,
  checkDevice: (deviceId: string) => void,
): Pick<Handlers, 'containers:list' | 'containers:action' | 'containers:logs' | 'containers:run-preview' | 'containers:run'> => ({
  'containers:list': ({ deviceId }) => (checkDevice(deviceId), containers.list(deviceId)),
  'containers:action': async ({ deviceId, container, action }) => {
    checkDevice(deviceId);
    await containers.action(deviceId, container, action);
    return {};
  },
  'containers:logs': async ({ deviceId, container, tail }) => {
    checkDevice(deviceId);
    return { text: await containers.logs(deviceId, container, tail) };
  },
  'containers:run-preview': ({ deviceId, spec }) => (checkDevice(deviceId), containers.preview(deviceId, spec)),
  'containers:run': ({ deviceId, spec }) => (checkDevice(deviceId), containers.run(deviceId, spec)),
});
