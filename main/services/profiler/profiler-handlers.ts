import type { Handlers } from '../rpc/router.js';
import { openInNsight } from './nsight-open.js';
import type { ProfilerService } from './profiler-service.js';

type ProfilerMethod = 'profiler:probe' | 'profiler:preview' | 'profiler:capture' | 'profiler:captures' | 'profiler:sessions' | 'profiler:start-window' | 'profiler:stop' | 'profiler:reports' | 'profiler:delete' | 'profiler:stats' | 'profiler:open';

export const profilerHandlers = (profiler: ProfilerService, checkDevice: (deviceId: string) => void): Pick<Handlers, ProfilerMethod> => ({
  'profiler:probe': ({ deviceId }) => (checkDevice(deviceId), profiler.probe(deviceId)),
  'profiler:preview': ({ deviceId, spec }) => (checkDevice(deviceId), profiler.preview(deviceId, spec)),
  'profiler:capture': ({ deviceId, spec }) => (checkDevice(deviceId), profiler.capture(deviceId, spec)),
  'profiler:captures': ({ deviceId }) => (checkDevice(deviceId), Promise.resolve(profiler.list(deviceId))),
  'profiler:sessions': ({ deviceId }) => (checkDevice(deviceId), profiler.sessions(deviceId)),
  'profiler:start-window': ({ deviceId, container, session, name, gpuMetricsFrequency }) => (
    checkDevice(deviceId), profiler.startWindow(deviceId, { container, session, name, gpuMetricsFrequency: gpuMetricsFrequency ?? 10_000 })
  ),
  'profiler:stop': ({ deviceId, container, session }) => (checkDevice(deviceId), profiler.stop(deviceId, container, session)),
  'profiler:reports': ({ deviceId }) => (checkDevice(deviceId), profiler.reports(deviceId)),
  'profiler:delete': async ({ deviceId, name }) => {
    checkDevice(deviceId);
    await profiler.remove(deviceId, name);
    return {};
  },
  'profiler:stats': async ({ deviceId, path }) => (checkDevice(deviceId), { tables: await profiler.stats(deviceId, path) }),
  'profiler:open': ({ localPath }) => Promise.resolve(openInNsight(localPath)),
});
