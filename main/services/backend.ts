import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SecretStore } from '../security/secret-store.js';
import type { DiscoveryOptions } from '../net/mdns-discovery.js';
import { settingsStore } from '../store/settings-store.js';
import type { AppDocument } from '../store/app-document.js';
import type { DocumentStore } from '../store/document-store.js';
import { appHandlers } from './app-service.js';
import { DeviceService } from './devices/device-service.js';
import { deviceHandlers } from './devices/device-handlers.js';
import { TelemetryArchive } from './telemetry/telemetry-archive.js';
import { TelemetryService } from './telemetry/telemetry-service.js';
import { telemetryHandlers } from './telemetry/telemetry-handlers.js';
import { TerminalService } from './terminal/terminal-service.js';
import { ContainerService } from './containers/container-service.js';
import { containerHandlers } from './containers/container-handlers.js';
import { TunnelService } from './tunnels/tunnel-service.js';
import { tunnelHandlers } from './tunnels/tunnel-handlers.js';
import { fileTunnelMemory } from './tunnels/tunnel-memory.js';
import { AppService } from './apps/app-service.js';
import { appsHandlers } from './apps/app-handlers.js';
import { createModels } from './models/models-backend.js';
import { createFinetune } from './finetune/finetune-backend.js';
import { ExportService } from './export/export-service.js';
import { exportHandlers } from './export/export-handlers.js';
import { ServeService } from './serve/serve-service.js';
import { serveHandlers } from './serve/serve-handlers.js';
import { PlaygroundService } from './playground/playground-service.js';
import { playgroundHandlers } from './playground/playground-handlers.js';
import { LoadTestService } from './loadtest/loadtest-service.js';
import { loadtestHandlers } from './loadtest/loadtest-handlers.js';
import { ProfilerService } from './profiler/profiler-service.js';
import { profilerHandlers } from './profiler/profiler-handlers.js';
import { BrowseService } from './files/browse-service.js';
import { browseHandlers } from './files/browse-handlers.js';
import { StagingArea } from './files/staging-area.js';
import { stagingHandlers } from './files/staging-handlers.js';
import { TransferService } from './files/transfer-service.js';
import { transferHandlers } from './files/transfer-handlers.js';
import { revealWithSystemTool, type Reveal } from './files/reveal.js';
import { ReportStore } from './loadtest/report-store.js';
import { terminalHandlers } from './terminal/terminal-handlers.js';
import { startDemoBox } from '../demo/demo-box.js';
import { settingsHandlers } from './settings-service.js';
import type { Logger } from './log.js';
import { ClientHub, type ClientHandle, type EventSink } from './rpc/hub.js';
import { createRouter, type Handlers } from './rpc/router.js';

export interface BackendOptions {
  readonly dataDir: string;
  readonly document: DocumentStore<AppDocument>;
  /** Where app keys and remembered passphrases live (OS keychain, or a 0600 file in browser mode). */
  readonly secrets: SecretStore;
  /** The user's OpenSSH folder, read only (default ~/.ssh; tests use a fixture). */
  readonly sshDir?: string;
  /** mDNS options for discovery (tests: loopback). */
  readonly discovery?: DiscoveryOptions;
  /** Telemetry's default sample interval (the memory bench runs an hour of samples in minutes). */
  readonly telemetryIntervalMs?: number;
  readonly log: Logger;
  /** Validate every response against the contract (tests). */
  readonly checkResponses?: boolean;
  /** Connect saved boxes at start (off in tests that drive connections themselves). */
  readonly connectOnStart?: boolean;
  /** Where downloads from the boxes land (default ~/Downloads/PGX Companion; tests: a temp folder). */
  readonly downloadsDir?: string;
  /** Shows a file in the system's file browser (Electron: shell.showItemInFolder). */
  readonly reveal?: Reveal;
}

/**
 * The whole backend as one object, independent of how the renderer reaches it: Electron's IPC
 * and browser mode's WebSocket both call connect() once per window / socket.
 */
export interface Backend {
  connect(sink: EventSink): ClientHandle;
  readonly hub: ClientHub;
  readonly devices: DeviceService;
  readonly telemetry: TelemetryService;
  readonly terminals: TerminalService;
  dispose(): Promise<void>;
}

export const createBackend = (options: BackendOptions): Backend => {
  const settings = settingsStore(options.document);
  // Handlers broadcast through the hub, which is created once the router exists.
  const getHub = (): ClientHub => hub;

  const devices = new DeviceService({
    document: options.document,
    dataDir: options.dataDir,
    log: options.log,
    events: {
      devicesChanged: (views) => hub.broadcast('devices:changed', views),
      statusChanged: (deviceId, status) => {
        hub.broadcast('device:status-changed', { deviceId, status });
        tunnels.statusChanged();
        if (status.kind === 'connected') apps.connected(deviceId);
        if (status.kind === 'connected') models.connected(deviceId);
        if (status.kind === 'connected') finetune.connected(deviceId);
        if (status.kind === 'connected') exports.connected(deviceId);
        if (status.kind === 'connected') serve.connected(deviceId);
      },
      removed: (deviceId) => {
        telemetry.forgetDevice(deviceId);
        apps.forgetDevice(deviceId);
        models.forgetDevice(deviceId);
        finetune.forgetDevice(deviceId);
        exports.forgetDevice(deviceId);
        serve.forgetDevice(deviceId);
        playground.forgetDevice(deviceId);
        tunnels.forgetDevice(deviceId);
        profiler.forgetDevice(deviceId);
      },
    },
    startDemoBox: (dir) => startDemoBox({ dir, log: options.log }),
    secrets: options.secrets,
    sshDir: options.sshDir ?? join(homedir(), '.ssh'),
    ...(options.discovery ? { discovery: options.discovery } : {}),
  });

  const telemetry = new TelemetryService({
    connection: (deviceId) => devices.connection(deviceId),
    ...(options.telemetryIntervalMs ? { defaultIntervalMs: options.telemetryIntervalMs } : {}),
    log: options.log,
    events: {
      sampled: (clients, deviceId, sample) => clients.forEach((id) => hub.emitTo(id, 'telemetry:sampled', { deviceId, sample })),
      factsRead: (clients, deviceId, facts) => clients.forEach((id) => hub.emitTo(id, 'telemetry:facts-read', { deviceId, facts })),
      failed: (clients, deviceId, message, hint) => clients.forEach((id) => hub.emitTo(id, 'telemetry:failed', { deviceId, message, hint })),
      alerted: (deviceId, change, at) => hub.broadcast('telemetry:alerted', { deviceId, ...change, at }),
    },
    thresholds: () => settings.get().alerts,
    archive: new TelemetryArchive({ dir: join(options.dataDir, 'telemetry'), log: options.log }),
  });

  const terminals = new TerminalService({
    connection: (deviceId) => devices.connection(deviceId),
    log: options.log,
    events: {
      output: (clientId, terminalId, data, bytes) => hub.emitTo(clientId, 'terminal:output', { terminalId, data, bytes }),
      state: (clientId, terminalId, state) => hub.emitTo(clientId, 'terminal:state', { terminalId, ...state }),
    },
  });

  const tunnels = new TunnelService({
    connection: (deviceId) => devices.connection(deviceId),
    changed: (list) => hub.broadcast('tunnels:changed', list),
    log: options.log,
    memory: fileTunnelMemory(join(options.dataDir, 'tunnels.json'), options.log),
  });
  void tunnels.restore((deviceId) => devices.list().some((d) => d.device.id === deviceId));

  const apps = new AppService({
    connection: (deviceId) => devices.connection(deviceId),
    tunnels,
    changed: (deviceId, list) => hub.broadcast('apps:changed', { deviceId, apps: list }),
    log: options.log,
  });

  const serve = new ServeService({
    connection: (deviceId) => devices.connection(deviceId),
    tunnels,
    changed: (deviceId, servers) => hub.broadcast('serve:changed', { deviceId, servers }),
    progressed: (deviceId, key, phase, elapsedMs, lines) => hub.broadcast('serve:progressed', { deviceId, key, phase, elapsedMs, lines }),
    gpuProcesses: (deviceId) => telemetry.history(deviceId).samples.at(-1)?.processes ?? null,
    log: options.log,
  });

  const playground = new PlaygroundService({
    tunnels,
    events: {
      streamed: (clientId, payload) => hub.emitTo(clientId, 'playground:streamed', payload),
      finished: (clientId, payload) => hub.emitTo(clientId, 'playground:finished', payload),
      stats: (entry) => hub.broadcast('playground:stats', entry),
    },
    log: options.log,
  });

  const loadtest = new LoadTestService({
    tunnels,
    servers: (deviceId) => serve.list(deviceId),
    samples: (deviceId) => telemetry.history(deviceId).samples,
    watchTelemetry: (watcherId, deviceId, on) => telemetry.watch(watcherId, deviceId, on),
    exec: (deviceId, command, stdin) => devices.connection(deviceId).exec(command, { stdin, timeoutMs: 30_000 }),
    execStream: (deviceId, command) => devices.connection(deviceId).execStream(command),
    store: new ReportStore(join(options.dataDir, 'loadtests')),
    events: { progressed: (clientId, payload) => hub.emitTo(clientId, 'loadtest:progressed', payload), finished: (clientId, payload) => hub.emitTo(clientId, 'loadtest:finished', payload) },
    log: options.log,
  });

  const models = createModels({ connection: (deviceId) => devices.connection(deviceId), folders: () => settings.get().modelFolders, secrets: options.secrets, hub: getHub, checkDevice: (deviceId) => devices.find(deviceId), log: options.log });

  const finetune = createFinetune({ connection: (deviceId) => devices.connection(deviceId), tunnels, hub: getHub, checkDevice: (deviceId) => devices.find(deviceId), log: options.log });

  const staging = new StagingArea(options.dataDir, options.log);

  const downloadsDir = () => options.downloadsDir ?? join(homedir(), 'Downloads', 'PGX Companion');
  const transfers = new TransferService({ connection: (deviceId) => devices.connection(deviceId), downloadsDir, storePath: join(options.dataDir, 'transfers.json'), changed: (list) => (staging.settle(list), hub.broadcast('files:transfers-changed', { transfers: list })), log: options.log });
  staging.sweep(transfers.list());

  const exports = new ExportService({ connection: (deviceId) => devices.connection(deviceId), finetune: finetune.runs, datasets: finetune.datasets, download: (deviceId, path) => transfers.download(deviceId, path), changed: (deviceId, list) => hub.broadcast('export:changed', { deviceId, exports: list }), ended: (deviceId, view) => hub.broadcast('export:ended', { deviceId, export: view }), log: options.log });

  const profiler = new ProfilerService({ connection: (deviceId) => devices.connection(deviceId), changed: (deviceId, captures) => hub.broadcast('profiler:captures-changed', { deviceId, captures }) });

  const handlers: Handlers = {
    ...appHandlers({ dataDir: options.dataDir, secretStorage: options.secrets.kind }),
    ...settingsHandlers(settings, getHub),
    ...deviceHandlers(devices),
    ...terminalHandlers(terminals, (deviceId) => devices.find(deviceId)),
    ...containerHandlers(new ContainerService((deviceId) => devices.connection(deviceId)), (deviceId) => devices.find(deviceId), (clientId, progress) => hub.emitTo(clientId, 'containers:pull-progressed', progress)),
    ...appsHandlers(apps, (deviceId) => devices.find(deviceId)),
    ...models.handlers,
    ...finetune.handlers,
    ...exportHandlers(exports, (deviceId) => devices.find(deviceId)),
    ...serveHandlers(serve, (deviceId) => devices.find(deviceId)),
    ...playgroundHandlers(playground, (deviceId) => devices.find(deviceId)),
    ...loadtestHandlers(loadtest, (deviceId) => devices.find(deviceId)),
    ...profilerHandlers(profiler, (deviceId) => devices.find(deviceId)),
    ...browseHandlers(new BrowseService((deviceId) => devices.connection(deviceId)), (deviceId) => devices.find(deviceId)),
    ...stagingHandlers(staging),
    ...transferHandlers(transfers, { checkDevice: (deviceId) => devices.find(deviceId), downloadsDir, reveal: options.reveal ?? revealWithSystemTool }),
    ...tunnelHandlers(tunnels, (deviceId) => devices.find(deviceId), (deviceId) => devices.connection(deviceId)),
    ...telemetryHandlers(telemetry, (deviceId) => devices.find(deviceId), (deviceId) => devices.connection(deviceId)),
  };

  const dispatch = createRouter(handlers, { log: options.log, checkResponses: options.checkResponses ?? false });
  const hub = new ClientHub(dispatch, options.log);
  if (options.connectOnStart ?? true) devices.connectAll();

  return {
    hub,
    devices,
    telemetry,
    terminals,
    connect: (sink) => hub.connect(sink),
    dispose: async () => {
      hub.closeAll();
      terminals.dispose();
      apps.dispose();
      models.dispose();
      finetune.dispose();
      exports.dispose();
      serve.dispose();
      playground.dispose();
      loadtest.dispose();
      profiler.dispose();
      staging.dispose();
      transfers.dispose();
      tunnels.dispose();
      telemetry.dispose();
      await devices.dispose();
    },
  };
};
