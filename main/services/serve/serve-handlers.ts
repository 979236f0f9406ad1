import type { Handlers } from '../rpc/router.js';
import type { ServeService } from './serve-service.js';

export const serveHandlers = (serve: ServeService, checkDevice: (deviceId: string) => void): Pick<Handlers, 'serve:plan' | 'serve:launch' | 'serve:list' | 'serve:stop' | 'serve:logs'> => ({
  'serve:plan': ({ deviceId, spec, model }) => (checkDevice(deviceId), serve.plan(deviceId, spec, model)),
  'serve:launch': ({ deviceId, spec, model, command }) => (checkDevice(deviceId), serve.launch(deviceId, spec, model, command)),
  'serve:list': async ({ deviceId }) => {
    checkDevice(deviceId);
    await serve.refresh(deviceId);
    return serve.list(deviceId);
  },
  'serve:stop': async ({ deviceId, key, remove }) => {
    checkDevice(deviceId);
    await serve.stop(deviceId, key, remove);
    return {};
  },
  'serve:logs': async ({ deviceId, key, tail }) => {
    checkDevice(deviceId);
    return { text: await serve.logs(deviceId, key, tail) };
  },
});
