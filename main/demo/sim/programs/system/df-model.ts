/**
 * The box's mounted file systems as `df` sees them, in mount order (gb10-host-probe.txt): the
 * NVMe root and EFI partitions, efivarfs and the tmpfs mounts sized from RAM like systemd does
 * (/run and /run/user 10 %, /dev/shm 50 %). Root usage follows dynamics.diskUsedBytes.
 */
import { diskUsedBytes } from '../../dynamics.js';
import type { SimState } from '../../state.js';

export interface Mount {
  readonly source: string;
  readonly fstype: string;
  readonly target: string;
  readonly sizeBytes: number;
  readonly usedBytes: number;
  /** Free space an unprivileged user can use (ext4 keeps 5 % for root). */
  readonly availBytes: number;
  readonly inodes: number;
  readonly inodesUsed: number;
}

const page = 4096;
const pages = (bytes: number) => Math.floor(bytes / page) * page;

/** Values from the probe's `df -h`, as bytes that round (up) to the same figures. */
const probe = {
  runUsedBytes: 921 * page, // 3.6M
  runLockBytes: 5 * 1024 * 1024,
  runLockUsedBytes: 2 * page, // 8.0K
  runUserUsedBytes: 29 * page, // 116K
  efivarsBytes: 256 * 1024,
  efivarsUsedBytes: 20 * 1024,
  efivarsAvailBytes: 237 * 1024,
  efiBytes: 535_805_952, // 511M
  efiUsedBytes: 6_696_960, // 6.4M
  ext4ReservedFraction: 0.05,
} as const;

export const mounts = (state: SimState): Mount[] => {
  const ram = state.box.memTotalKb * 1024;
  const tmpfs = (target: string, sizeBytes: number, usedBytes: number): Mount => ({
    source: 'tmpfs',
    fstype: 'tmpfs',
    target,
    sizeBytes,
    usedBytes,
    availBytes: sizeBytes - usedBytes,
    inodes: Math.floor(sizeBytes / page / 2),
    inodesUsed: Math.ceil(usedBytes / page) + 3,
  });
  const total = state.box.diskTotalBytes;
  // ext4 counts in 4 KiB blocks: usage and the root reserve are whole blocks.
  const used = Math.min(total, Math.ceil(diskUsedBytes(state) / page) * page);
  const reserved = pages(total * probe.ext4ReservedFraction);
  const rootInodes = Math.floor(total / 16_384);
  return [
    tmpfs('/run', pages(ram * 0.1), probe.runUsedBytes),
    {
      source: 'efivarfs',
      fstype: 'efivarfs',
      target: '/sys/firmware/efi/efivars',
      sizeBytes: probe.efivarsBytes,
      usedBytes: probe.efivarsUsedBytes,
      availBytes: probe.efivarsAvailBytes,
      inodes: 0,
      inodesUsed: 0,
    },
    {
      source: '/dev/nvme0n1p2',
      fstype: 'ext4',
      target: '/',
      sizeBytes: total,
      usedBytes: used,
      availBytes: Math.max(0, total - used - reserved),
      inodes: rootInodes,
      inodesUsed: Math.min(rootInodes, 1_900_000 + Math.floor(used / 4_000_000)),
    },
    tmpfs('/dev/shm', pages(ram * 0.5), 0),
    tmpfs('/run/lock', probe.runLockBytes, probe.runLockUsedBytes),
    {
      source: '/dev/nvme0n1p1',
      fstype: 'vfat',
      target: '/boot/efi',
      sizeBytes: probe.efiBytes,
      usedBytes: probe.efiUsedBytes,
      availBytes: probe.efiBytes - probe.efiUsedBytes,
      inodes: 0,
      inodesUsed: 0,
    },
    tmpfs('/run/user/1000', pages(ram * 0.1), probe.runUserUsedBytes),
  ];
};

/** The mount a path lives on: the longest mount point that is a prefix of it. */
export const mountOf = (all: readonly Mount[], path: string): Mount =>
  all
    .filter((m) => m.target === '/' || path === m.target || path.startsWith(`${m.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0]!;
