/**
 * The boxes the user has, and one SSH connection per box. Other services ask it for a box's
 * connection; the renderer hears about every status change as an event.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { failure } from '../../../src/contract/errors.js';
import type { ConnectionStatus, Device, DeviceView } from '../../../src/domain/device.js';
import type { AppDocument } from '../../store/app-document.js';
import type { DocumentStore } from '../../store/document-store.js';
import { SshConnection, type ConnectionTarget } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import type { DemoBox } from '../../demo/demo-box.js';
import type { JumpHost } from '../../../src/domain/device.js';
import type { TrustedHostKey } from '../../../src/domain/host-key.js';
import type { SecretStore } from '../../security/secret-store.js';
import { hostKeyPolicy, type HostKeyPolicy } from '../../ssh/host-keys.js';
import { importSshConfig, type ImportedHost } from '../../ssh/ssh-config-import.js';
import { discoverBoxes, type DiscoveredBox, type DiscoveryOptions } from '../../net/mdns-discovery.js';
import { onboardDevice, probeChain, type NewAuth } from './onboarding.js';
import { remoteTarget, secretNames, type AcceptedKey } from './remote-targets.js';

export interface DeviceEvents {
  devicesChanged(views: DeviceView[]): void;
  statusChanged(deviceId: string, status: ConnectionStatus): void;
  /** A box was removed: what other services kept of it goes too. */
  removed?(deviceId: string): void;
}

export interface DeviceServiceDeps {
  readonly document: DocumentStore<AppDocument>;
  readonly dataDir: string;
  readonly log: Logger;
  readonly events: DeviceEvents;
  /** Starts the demo box (injected so tests and the app share one code path). */
  readonly startDemoBox: (dir: string) => Promise<DemoBox>;
  /** Private keys the app made, remembered passphrases. */
  readonly secrets: SecretStore;
  /** The user's OpenSSH folder, read only (known_hosts, config). Tests point it at a fixture. */
  readonly sshDir: string;
  /** mDNS options (tests pin discovery to loopback). */
  readonly discovery?: DiscoveryOptions;
}

export const demoDeviceName = 'Demo box (simulated)';

export class DeviceService {
  private readonly connections = new Map<string, SshConnection>();
  private demo: Promise<DemoBox> | undefined;

  readonly policy: HostKeyPolicy;
  /** Key passphrases typed this session (in memory only, unless the user asked to remember). */
  private readonly passphrases = new Map<string, string>();

  constructor(private readonly deps: DeviceServiceDeps) {
    this.policy = hostKeyPolicy({
      trusted: () => this.deps.document.get().knownHosts,
      knownHostsFiles: [join(deps.sshDir, 'known_hosts'), join(deps.sshDir, 'known_hosts2')],
    });
  }

  private devices(): Device[] {
    return this.deps.document.get().devices;
  }

  private save(devices: Device[]): void {
    const doc = this.deps.document.get();
    this.deps.document.set({ ...doc, devices });
    this.deps.events.devicesChanged(this.list());
  }

  find(deviceId: string): Device {
    const device = this.devices().find((d) => d.id === deviceId);
    if (!device) throw failure('not-found', 'That box is not in your device list any more.', 'Pick another box in the sidebar.');
    return device;
  }

  statusOf(deviceId: string): ConnectionStatus {
    return this.connections.get(deviceId)?.status ?? { kind: 'disconnected' };
  }

  list(): DeviceView[] {
    return this.devices().map((device) => ({ device, status: this.statusOf(device.id) }));
  }

  view(deviceId: string): DeviceView {
    return { device: this.find(deviceId), status: this.statusOf(deviceId) };
  }

  /** The demo box, started on first use and kept for the app's lifetime. */
  demoBox(): Promise<DemoBox> {
    if (!this.demo) {
      this.demo = this.deps.startDemoBox(join(this.deps.dataDir, 'demo-box'));
      this.demo.catch(() => {
        this.demo = undefined;
      });
    }
    return this.demo;
  }

  connection(deviceId: string): SshConnection {
    let connection = this.connections.get(deviceId);
    if (!connection) {
      const device = this.find(deviceId);
      connection = new SshConnection(() => this.targetOf(device));
      connection.on('status', (status: ConnectionStatus) => this.deps.events.statusChanged(deviceId, status));
      this.connections.set(deviceId, connection);
    }
    return connection;
  }

  private async targetOf(device: Device): Promise<ConnectionTarget> {
    if (device.kind === 'demo') {
      const box = await this.demoBox();
      const expected = Buffer.from(box.hostPublicKey.split(' ')[1] ?? '', 'base64');
      return {
        host: '127.0.0.1',
        port: box.port,
        user: box.user,
        auth: { kind: 'key', privateKey: box.clientPrivateKey },
        verifyHostKey: async (key) =>
          key.equals(expected)
            ? { ok: true }
            : { ok: false, error: { code: 'host-key-changed', message: 'The demo box answered with an unexpected key.', hint: 'Remove the demo box and add it again.' } },
      };
    }
    return remoteTarget(device, { policy: this.policy, secrets: this.deps.secrets, sessionPassphrase: (id) => this.passphrases.get(id) });
  }

  probeHost(input: { host: string; port: number; user?: string | undefined; auth?: NewAuth | undefined; jump: readonly JumpHost[]; accepted: readonly AcceptedKey[] }) {
    return probeChain({ policy: this.policy, secrets: this.deps.secrets }, input);
  }

  async add(input: { name?: string | undefined; host: string; port: number; user: string; auth: NewAuth; jump: readonly JumpHost[]; accepted: readonly AcceptedKey[] }): Promise<DeviceView> {
    const device = await onboardDevice({ policy: this.policy, secrets: this.deps.secrets, trust: (keys) => this.trust(keys) }, input);
    if (input.auth.kind === 'key-file' && input.auth.passphrase) this.passphrases.set(device.id, input.auth.passphrase);
    this.save([...this.devices(), device]);
    return this.connect(device.id);
  }

  private trust(keys: TrustedHostKey[]): void {
    const doc = this.deps.document.get();
    const fresh = keys.filter((k) => !doc.knownHosts.some((t) => t.host === k.host && t.port === k.port && t.key === k.key));
    if (fresh.length > 0) this.deps.document.set({ ...doc, knownHosts: [...doc.knownHosts, ...fresh] });
  }

  /** Forgets the app's trusted keys of host:port (the explicit step after a key changed). */
  forgetHostKey(host: string, port: number): void {
    const doc = this.deps.document.get();
    this.deps.document.set({ ...doc, knownHosts: doc.knownHosts.filter((k) => !(k.host.toLowerCase() === host.toLowerCase() && k.port === port)) });
  }

  rename(deviceId: string, name: string): DeviceView[] {
    this.find(deviceId);
    this.save(this.devices().map((d) => (d.id === deviceId ? { ...d, name } : d)));
    return this.list();
  }

  reorder(deviceIds: readonly string[]): DeviceView[] {
    const devices = this.devices();
    const rank = (id: string) => {
      const i = deviceIds.indexOf(id);
      return i < 0 ? deviceIds.length + devices.findIndex((d) => d.id === id) : i;
    };
    this.save([...devices].sort((a, b) => rank(a.id) - rank(b.id)));
    return this.list();
  }

  importSshConfig(): ImportedHost[] {
    return importSshConfig({ sshDir: this.deps.sshDir });
  }

  discover(): Promise<DiscoveredBox[]> {
    return discoverBoxes(this.deps.discovery);
  }

  async addDemo(): Promise<DeviceView> {
    let device = this.devices().find((d) => d.kind === 'demo');
    if (!device) {
      const box = await this.demoBox();
      device = {
        id: `demo-${randomUUID().slice(0, 8)}`,
        name: demoDeviceName,
        kind: 'demo',
        host: '127.0.0.1',
        port: box.port,
        user: box.user,
        auth: { kind: 'demo' },
        jump: [],
        createdAt: Date.now(),
      };
      this.save([...this.devices(), device]);
    }
    return this.connect(device.id);
  }

  async connect(deviceId: string): Promise<DeviceView> {
    const connection = this.connection(deviceId);
    await connection.connect();
    return this.view(deviceId);
  }

  async unlock(deviceId: string, passphrase: string, remember: boolean): Promise<DeviceView> {
    this.find(deviceId);
    this.passphrases.set(deviceId, passphrase);
    if (remember) this.deps.secrets.set(secretNames.passphrase(deviceId), passphrase);
    return this.connect(deviceId);
  }

  disconnect(deviceId: string): DeviceView {
    this.connections.get(deviceId)?.disconnect();
    return this.view(deviceId);
  }

  async remove(deviceId: string, forgetSecrets = true): Promise<DeviceView[]> {
    const device = this.find(deviceId);
    if (forgetSecrets) this.deps.secrets.deleteAll(secretNames.prefix(deviceId));
    this.connections.get(deviceId)?.disconnect();
    this.connections.delete(deviceId);
    this.save(this.devices().filter((d) => d.id !== deviceId));
    this.deps.events.removed?.(deviceId);
    if (device.kind === 'demo' && this.demo) {
      const box = await this.demo.catch(() => undefined);
      this.demo = undefined;
      await box?.stop();
    }
    return this.list();
  }

  /** Connect every saved box at start-up (the user expects them live). */
  connectAll(): void {
    for (const device of this.devices()) {
      this.connect(device.id).catch((error: unknown) => this.deps.log.warn(`could not connect ${device.name}`, error));
    }
  }

  async dispose(): Promise<void> {
    for (const connection of this.connections.values()) connection.disconnect();
    this.connections.clear();
    const box = await this.demo?.catch(() => undefined);
    await box?.stop();
  }
}
