import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDf } from './df.js';

const probe = readFileSync(new URL('../../../e2e/fixtures/captures/gb10-host-probe.txt', import.meta.url), 'utf8');
const probeDf = probe.slice(probe.indexOf('Filesystem      Size'), probe.indexOf('== lsblk'));

describe('parseDf', () => {
  it('reads the GB10 `df -h` of the host probe (approximate bytes, Use%)', () => {
    const result = parseDf(probeDf);
    if (!result.ok) throw new Error(result.reason);
    expect(result.df.exact).toBe(false);
    expect(result.df.rows.map((r) => [r.source, r.target, r.usePercent])).toEqual([
      ['tmpfs', '/run', 1],
      ['efivarfs', '/sys/firmware/efi/efivars', 8],
      ['/dev/nvme0n1p2', '/', 6],
      ['tmpfs', '/dev/shm', 0],
      ['tmpfs', '/run/lock', 1],
      ['/dev/nvme0n1p1', '/boot/efi', 2],
      ['tmpfs', '/run/user/1000', 1],
    ]);
    const root = result.df.rows[2]!;
    expect(root.sizeBytes).toBeCloseTo(3.7 * 1024 ** 4, -9);
    expect(root.usedBytes).toBe(182 * 1024 ** 3);
    expect(result.df.rows[3]!.usedBytes).toBe(0);
  });

  it('reads `df -B1 --output=source,size,used,avail,target` exactly (header Avail)', () => {
    const text = 'Filesystem        1B-blocks        Used       Avail Mounted on\n/dev/vda       270553174016 25809399808 83134894080 /\n';
    expect(parseDf(text)).toEqual({
      ok: true,
      df: {
        exact: true,
        blockSize: 1,
        rows: [{ source: '/dev/vda', fstype: null, sizeBytes: 270553174016, usedBytes: 25809399808, availBytes: 83134894080, usePercent: null, inodes: null, inodesUsed: null, inodesFree: null, target: '/' }],
      },
    });
  });

  it('reads `df -P` (1024-blocks, Capacity) with a long source name and a mount point with spaces', () => {
    const text = [
      'Filesystem              1024-blocks     Used Available Capacity Mounted on',
      '/dev/vda                  264212084 25204492  81186420      24% /',
      'model_tools_unavailable           4        0         4       0% /mnt/my tools',
    ].join('\n');
    const result = parseDf(text);
    expect(result.ok && result.df.rows.map((r) => [r.source, r.sizeBytes, r.usePercent, r.target])).toEqual([
      ['/dev/vda', 264212084 * 1024, 24, '/'],
      ['model_tools_unavailable', 4096, 0, '/mnt/my tools'],
    ]);
  });

  it('reads -T and inode columns', () => {
    const text = 'Filesystem     Type  Inodes  IUsed   IFree IUse% Mounted on\n/dev/nvme0n1p2 ext4 240284 190000 50284   80% /\n';
    const result = parseDf(text);
    expect(result.ok && result.df.rows[0]).toMatchObject({ fstype: 'ext4', inodes: 240284, inodesUsed: 190000, inodesFree: 50284, target: '/' });
  });

  it("turns df's own error into a reason", () => {
    expect(parseDf('df: /nope: No such file or directory\n')).toEqual({ ok: false, reason: 'df: /nope: No such file or directory' });
    expect(parseDf('').ok).toBe(false);
  });
});
