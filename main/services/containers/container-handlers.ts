import type { Handlers } from '../rpc/router.js';
import type { ContainerService, PullProgress } from './container-service.js';

export const containerHandlers = (
  containers: ContainerService,
  checkDevice: (deviceId: string) => void,
  /** Sends a pull's progress to the one client that asked for the pull. */
  pullProgressed: (clientId: string, progress: PullProgress) => void,
): Pick<Handlers, 'containers:list' | 'containers:action' | 'containers:logs' | 'containers:run-preview' | 'containers:run' | 'containers:pull' | 'containers:pull-cancel'> => ({
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
  'containers:pull': ({ deviceId, image, pullId }, context) => {
    checkDevice(deviceId);
    // Nobody is left to watch or run it when the window goes: the pull ends with it.
    context.onClientClosed(() => containers.cancelPull(pullId, context.clientId));
    return containers.pull(deviceId, image, pullId, (progress) => pullProgressed(context.clientId, progress), context.clientId);
  },
  'containers:pull-cancel': ({ pullId }, context) => (containers.cancelPull(pullId, context.clientId), {}),
});
