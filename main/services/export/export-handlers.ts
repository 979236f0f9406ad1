import type { Handlers } from '../rpc/router.js';
import type { ExportService } from './export-service.js';

type ExportMethods = Extract<keyof Handlers, `export:${string}`>;

export const exportHandlers = (exports: ExportService, checkDevice: (deviceId: string) => void): Pick<Handlers, ExportMethods> => ({
  'export:plan': ({ deviceId, settings }) => (checkDevice(deviceId), exports.plan(deviceId, settings)),
  'export:start': ({ deviceId, settings, mergeYaml, modelfile }) => (checkDevice(deviceId), exports.start(deviceId, settings, mergeYaml, modelfile)),
  'export:list': ({ deviceId }) => (checkDevice(deviceId), exports.refresh(deviceId)),
  'export:get': ({ deviceId, exportId, tail }) => (checkDevice(deviceId), exports.get(deviceId, exportId, tail)),
  'export:retry': ({ deviceId, exportId }) => (checkDevice(deviceId), exports.retry(deviceId, exportId)),
  'export:stop': async ({ deviceId, exportId }) => {
    checkDevice(deviceId);
    await exports.stop(deviceId, exportId);
    return {};
  },
  'export:remove': async ({ deviceId, exportId, deleteFiles }) => {
    checkDevice(deviceId);
    await exports.remove(deviceId, exportId, deleteFiles);
    return {};
  },
  'export:tools': ({ deviceId }) => (checkDevice(deviceId), exports.tools(deviceId)),
  'export:build-tools': ({ deviceId }) => (checkDevice(deviceId), exports.buildTools(deviceId)),
  'export:download': ({ deviceId, exportId, file }) => (checkDevice(deviceId), exports.download(deviceId, exportId, file)),
});
