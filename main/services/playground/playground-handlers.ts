import type { Handlers } from '../rpc/router.js';
import type { PlaygroundService } from './playground-service.js';

export const playgroundHandlers = (playground: PlaygroundService, checkDevice: (deviceId: string) => void): Pick<Handlers, 'playground:chat' | 'playground:cancel' | 'playground:stats'> => {
  const watched = new Set<string>();
  return {
    'playground:chat': (request, context) => {
      checkDevice(request.deviceId);
      // Nobody is left to read a reply when its window goes: it stops with it.
      if (!watched.has(context.clientId)) {
        watched.add(context.clientId);
        context.onClientClosed(() => {
          watched.delete(context.clientId);
          playground.clientClosed(context.clientId);
        });
      }
      return playground.chat(context.clientId, request);
    },
    'playground:cancel': ({ streamId }, context) => (playground.cancel(streamId, context.clientId), {}),
    'playground:stats': ({ deviceId }) => (checkDevice(deviceId), playground.stats(deviceId)),
  };
};
