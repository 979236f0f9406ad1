/**
 * Finds GB10 boxes on the local network: DGX OS announces `<hostname>.local` and its SSH service
 * over mDNS / DNS-SD (Avahi), like most Linux workstations. Browses `_ssh._tcp` and
 * `_workstation._tcp` for a few seconds and lists what answered. Uses bonjour-service (on
 * multicast-dns) rather than hand-written packet code.
 */
// CommonJS, outside the bundle: the default import is the module itself.
import Bonjour from 'bonjour-service';
import type { Service, ServiceConfig } from 'bonjour-service';

export interface DiscoveredBox {
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly addresses: string[];
  readonly service: 'ssh' | 'workstation';
}

export interface DiscoveryOptions {
  /** How long to listen. Avahi answers within a second; 3 s catches slow Wi-Fi. */
  readonly timeoutMs?: number;
  /** multicast-dns options (tests pin discovery to the loopback interface). */
  readonly mdns?: Record<string, unknown>;
}

const toBox = (service: Service, kind: DiscoveredBox['service']): DiscoveredBox => ({
  host: service.host.endsWith('.') ? service.host.slice(0, -1) : service.host,
  // _workstation._tcp announces port 9 (discard): SSH is what we would connect to.
  port: kind === 'ssh' ? service.port : 22,
  name: service.name.replace(/ \[[0-9a-f:]+\]$/i, ''),
  addresses: [...(service.addresses ?? [])].sort(),
  service: kind,
});

export const discoverBoxes = async (options: DiscoveryOptions = {}): Promise<DiscoveredBox[]> => {
  // Its typing names service fields, but the options go to multicast-dns (interface, bind, …).
  const bonjour = new Bonjour((options.mdns ?? {}) as Partial<ServiceConfig>, (error: unknown) => {
    // A laptop without multicast (VPN-only, no network): nothing found, not an error.
    void error;
  });
  const found = new Map<string, DiscoveredBox>();
  const add = (box: DiscoveredBox) => {
    const existing = found.get(box.host);
    // The SSH announcement wins: it carries the real port.
    if (!existing || (existing.service === 'workstation' && box.service === 'ssh')) found.set(box.host, box);
  };
  const browsers = [bonjour.find({ type: 'ssh' }, (s) => add(toBox(s, 'ssh'))), bonjour.find({ type: 'workstation' }, (s) => add(toBox(s, 'workstation')))];
  await new Promise((resolve) => setTimeout(resolve, options.timeoutMs ?? 3_000));
  for (const browser of browsers) browser.stop();
  await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  return [...found.values()].sort((a, b) => a.host.localeCompare(b.host));
};
