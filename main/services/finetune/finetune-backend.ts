/** The Fine-tune feature wired for the backend: datasets, runs, their handlers and events. */
import type { SshConnection } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import type { ClientHub } from '../rpc/hub.js';
import type { TunnelService } from '../tunnels/tunnel-service.js';
import { FinetuneDatasets } from './finetune-datasets.js';
import { finetuneHandlers } from './finetune-handlers.js';
import { FinetuneService } from './finetune-service.js';
import { TryItService } from './try-it-service.js';

export const createFinetune = (deps: {
  readonly connection: (deviceId: string) => SshConnection;
  readonly tunnels: TunnelService;
  readonly hub: () => ClientHub;
  readonly checkDevice: (deviceId: string) => void;
  readonly log: Logger;
}) => {
  const datasets = new FinetuneDatasets(deps.connection);
  const runs = new FinetuneService({
    connection: deps.connection,
    datasets,
    events: {
      changed: (deviceId, list) => deps.hub().broadcast('finetune:changed', { deviceId, runs: list }),
      curveAppended: (deviceId, chunk) => deps.hub().broadcast('finetune:curve-appended', { deviceId, ...chunk }),
      ended: (deviceId, run) => deps.hub().broadcast('finetune:ended', { deviceId, run }),
    },
    log: deps.log,
  });
  const tryIt = new TryItService({ connection: deps.connection, datasets, runs: (deviceId) => runs.refresh(deviceId), tunnels: deps.tunnels });
  return {
    runs,
    datasets,
    handlers: finetuneHandlers(runs, datasets, deps.tunnels, deps.connection, deps.checkDevice, tryIt),
    connected: (deviceId: string) => runs.connected(deviceId),
    forgetDevice: (deviceId: string) => runs.forgetDevice(deviceId),
    dispose: () => runs.dispose(),
  };
};
