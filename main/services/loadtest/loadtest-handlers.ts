import type { Handlers } from '../rpc/router.js';
import type { LoadTestService } from './loadtest-service.js';

type LoadTestMethod = 'loadtest:start' | 'loadtest:cancel' | 'loadtest:reports' | 'loadtest:report' | 'loadtest:delete' | 'loadtest:rename';

export const loadtestHandlers = (loadtest: LoadTestService, checkDevice: (deviceId: string) => void): Pick<Handlers, LoadTestMethod> => {
  const watched = new Set<string>();
  return {
    'loadtest:start': ({ settings, name }, context) => {
      if (settings.target.kind === 'server') checkDevice(settings.target.deviceId);
      // A run streams to the window that started it; when that window goes, the run stops with it.
      if (!watched.has(context.clientId)) {
        watched.add(context.clientId);
        context.onClientClosed(() => {
          watched.delete(context.clientId);
          loadtest.clientClosed(context.clientId);
        });
      }
      return loadtest.start(context.clientId, settings, name);
    },
    'loadtest:cancel': ({ runId }, context) => (loadtest.cancel(runId, context.clientId), {}),
    'loadtest:reports': () => loadtest.reports(),
    'loadtest:report': ({ id }) => loadtest.report(id),
    'loadtest:delete': ({ id }) => (loadtest.delete(id), {}),
    'loadtest:rename': ({ id, name }) => loadtest.rename(id, name),
  };
};
