import type { BoxSpec, SimImage, SimState, SimTuning, Sku } from './state.js';

/** Speeds for the demo box: fast enough to watch, slow enough for progress bars to mean something. */
export const demoTuning = (): SimTuning => ({
  downloadBytesPerSec: 400 * 1024 * 1024,
  serverReadyMs: 6_000,
  ttftMs: 120,
  tokenDelayMs: 18,
  serverConcurrency: 64,
  trainStepMs: 400,
  convertMsPerGiB: 600,
  nsysBytesPerSec: 6 * 1024 * 1024,
});

/**
 * Facts of a GB10 box as the captures show them (../shared/formats, copied to
 * e2e/fixtures/captures): driver 580.95.05, CUDA 13.0, kernel 6.17.0-1014-nvidia, a 3.7 T disk.
 * MemTotal 125 513 720 kB is a real 128 GB unit's; the 64 GB unit's value is scaled from it by
 * the same usable fraction (no 64 GB capture exists — marked SYNTH in the captures' terms).
 */
const memTotalKb: Record<Sku, number> = { '128': 125_513_720, '64': 62_756_860 };

export const defaultBox = (sku: Sku = '128', overrides: Partial<BoxSpec> = {}): BoxSpec => ({
  sku,
  hostname: sku === '128' ? 'pgx-demo' : 'pgx-demo-64',
  product: 'Lenovo ThinkStation PGX (simulated)',
  memTotalKb: memTotalKb[sku],
  swapTotalKb: 16_777_212,
  driverVersion: '580.95.05',
  nvmlVersion: '580.95',
  cudaVersion: '13.0',
  kernel: '6.17.0-1014-nvidia',
  dgxOsVersion: '7.4.0',
  ubuntuVersion: '24.04.3 LTS',
  nsysVersion: '2025.3.2.474-253236389321v0',
  dockerVersion: '28.5.1',
  diskTotalBytes: 4_000_250_159_104, // nvme0n1p2 of a 4 TB drive: `df -h` shows 3.7T as in the capture
  diskBaseUsedBytes: 195_421_659_136, // 182 G
  user: 'demo',
  ...overrides,
});

const hex = (seed: string, length: number): string => {
  // Deterministic hex from a seed (FNV-1a, repeated): stable ids across runs for docs and tests.
  let out = '';
  let h = 0x811c9dc5;
  let i = 0;
  while (out.length < length) {
    h ^= seed.charCodeAt(i % seed.length) + i;
    h = Math.imul(h, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
    i += 1;
  }
  return out.slice(0, length);
};

export const stableHex = hex;

/**
 * Deterministic hex in which every 8-digit chunk depends on the whole seed (FNV-1a of
 * `chunk:seed`, then murmur3's finaliser). hex() above lets chunk k see only the first k+1
 * characters, so seeds sharing a prefix (`nvcr.io/nvidia/…`, `sha256:…`) gave identical ids.
 */
export const mixedHex = (seed: string, length: number): string => {
  let out = '';
  for (let chunk = 0; out.length < length; chunk += 1) {
    const text = `${chunk}:${seed}`;
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    out += ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
};

const image = (repository: string, tag: string, sizeBytes: number, created: number, architecture: 'arm64' | 'amd64' = 'arm64', platforms: Array<'arm64' | 'amd64'> = ['arm64', 'amd64']): SimImage => {
  const id = `sha256:${mixedHex(`${repository}:${tag}`, 64)}`;
  const layerCount = 6;
  return {
    id,
    repository,
    tag,
    digest: `sha256:${mixedHex(`digest:${repository}:${tag}`, 64)}`,
    sizeBytes,
    architecture,
    platforms,
    createdAt: created,
    layers: Array.from({ length: layerCount }, (_, i) => ({
      id: mixedHex(`${id}:${i}`, 12),
      sizeBytes: Math.round((sizeBytes / 2 ** (i + 1)) * (i === layerCount - 1 ? 2 : 1)),
    })),
  };
};

/** The image builder the preinstalled images use, for images pulled later (docker pull). */
export const buildImage = image;

/** Images a freshly set-up DGX OS box has pulled (NGC release images are arm64 + amd64). */
export const preinstalledImages = (now: number): SimImage[] => [
  image('nvcr.io/nvidia/vllm', '25.09-py3', 21_474_836_480, now - 40 * 86_400_000),
  image('nvcr.io/nvidia/tensorrt-llm/release', '1.3.0rc13', 32_212_254_720, now - 20 * 86_400_000),
  image('nvcr.io/nvidia/pytorch', '25.09-py3', 19_327_352_832, now - 45 * 86_400_000),
];

export const initialState = (options: { sku?: Sku; now: number; box?: Partial<BoxSpec> }): SimState => ({
  version: 1,
  box: defaultBox(options.sku ?? '128', options.box),
  tuning: demoTuning(),
  bootedAt: options.now - 3 * 3_600_000 - 17 * 60_000,
  faults: {},
  containers: [],
  images: preinstalledImages(options.now),
  gpuProcesses: [],
  activity: [],
  retired: { cpuBusyTicks: Array.from({ length: 20 }, () => 0), netRxBytes: 0 },
  utilHistory: [{ at: options.now - 3_600_000, util: 0 }],
  ollama: { models: [], loaded: [], serving: true },
  nsysSessions: [],
  nextPid: 41_000,
  revision: 0,
});
