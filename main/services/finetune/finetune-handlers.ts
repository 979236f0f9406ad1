import { trainingYaml } from '../../../src/recipes/finetune/yaml.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Handlers } from '../rpc/router.js';
import type { FinetuneDatasets } from './finetune-datasets.js';
import type { FinetuneService } from './finetune-service.js';
import type { TunnelService } from '../tunnels/tunnel-service.js';
import { llamaboardTunnel } from './llamaboard.js';
import type { TryItService } from './try-it-service.js';

type FinetuneMethods = Extract<keyof Handlers, `finetune:${string}`>;

export const finetuneHandlers = (runs: FinetuneService, datasets: FinetuneDatasets, tunnels: TunnelService, connection: (deviceId: string) => SshConnection, checkDevice: (deviceId: string) => void, tryIt: TryItService): Pick<Handlers, FinetuneMethods> => ({
  'finetune:environment': ({ deviceId }) => (checkDevice(deviceId), datasets.environment(deviceId)),
  'finetune:datasets': ({ deviceId }) => (checkDevice(deviceId), datasets.datasets(deviceId)),
  'finetune:check-dataset': ({ deviceId, path, cutoffLen }) => (checkDevice(deviceId), datasets.check(deviceId, path, cutoffLen)),
  'finetune:register-dataset': ({ deviceId, name, path, format }) => (checkDevice(deviceId), datasets.register(deviceId, name, path, format)),
  'finetune:yaml': async ({ deviceId, settings }) => {
    checkDevice(deviceId);
    const env = await datasets.environment(deviceId);
    return { yaml: trainingYaml(settings), memory: await datasets.memory(deviceId, settings, env.workspace) };
  },
  'finetune:start': ({ deviceId, name, yaml, force }) => (checkDevice(deviceId), runs.start(deviceId, name, yaml, force)),
  'finetune:runs': ({ deviceId }) => (checkDevice(deviceId), runs.refresh(deviceId)),
  'finetune:run': ({ deviceId, runId, tail }) => (checkDevice(deviceId), runs.run(deviceId, runId, tail)),
  'finetune:curve': ({ deviceId, runId, fromOffset }) => (checkDevice(deviceId), runs.curve(deviceId, runId, fromOffset)),
  'finetune:stop': async ({ deviceId, runId }) => {
    checkDevice(deviceId);
    await runs.stop(deviceId, runId);
    return {};
  },
  'finetune:resume': ({ deviceId, runId }) => (checkDevice(deviceId), runs.resume(deviceId, runId)),
  'finetune:predict': ({ deviceId, runId, datasets: names, base, maxSamples }) => (checkDevice(deviceId), runs.predict(deviceId, runId, names, base, maxSamples)),
  'finetune:results': ({ deviceId, runId, limit }) => (checkDevice(deviceId), runs.results(deviceId, runId, limit)),
  'finetune:llamaboard': async ({ deviceId }) => {
    checkDevice(deviceId);
    return llamaboardTunnel(connection(deviceId), deviceId, datasets, tunnels);
  },
  'finetune:try-plan': ({ deviceId, runId }) => (checkDevice(deviceId), tryIt.plan(deviceId, runId)),
  'finetune:try-start': ({ deviceId, runId, force }) => (checkDevice(deviceId), tryIt.start(deviceId, runId, force)),
  'finetune:try-status': ({ deviceId }) => (checkDevice(deviceId), tryIt.status(deviceId)),
  'finetune:try-stop': ({ deviceId }) => (checkDevice(deviceId), tryIt.stop(deviceId)),
  'finetune:remove': async ({ deviceId, runId, deleteOutput }) => {
    checkDevice(deviceId);
    await runs.remove(deviceId, runId, deleteOutput);
    return {};
  },
});
