import { describe, expect, it } from 'vitest';
import Bonjour from 'bonjour-service';
import type { ServiceConfig } from 'bonjour-service';
import { discoverBoxes } from './mdns-discovery.js';

/** Both ends on the loopback interface, so the test needs no network and disturbs none. */
const loopback = { interface: '127.0.0.1', bind: '0.0.0.0', loopback: true, reuseAddr: true };
const announcerOptions = loopback as unknown as Partial<ServiceConfig>;

describe('mDNS discovery', () => {
  it('finds an SSH service announced on loopback, by its .local name and port', async () => {
    const announcer = new Bonjour(announcerOptions);
    announcer.publish({ name: 'spark-1a2b', type: 'ssh', port: 2222, host: 'spark-1a2b.local' });
    announcer.publish({ name: 'spark-1a2b [aa:bb:cc:dd:ee:ff]', type: 'workstation', port: 9, host: 'spark-1a2b.local' });
    announcer.publish({ name: 'pgx-desk [11:22:33:44:55:66]', type: 'workstation', port: 9, host: 'pgx-desk.local' });
    try {
      const boxes = await discoverBoxes({ timeoutMs: 1_500, mdns: loopback });
      expect(boxes.map((b) => ({ host: b.host, port: b.port, name: b.name, service: b.service }))).toEqual([
        { host: 'pgx-desk.local', port: 22, name: 'pgx-desk', service: 'workstation' },
        { host: 'spark-1a2b.local', port: 2222, name: 'spark-1a2b', service: 'ssh' },
      ]);
    } finally {
      await new Promise<void>((resolve) => announcer.unpublishAll(() => announcer.destroy(() => resolve())));
    }
  });
});
