/**
 * Simulated Nsight Systems reports. A real .nsys-rep is an opaque binary of a few MB to GBs;
 * ours is a recognisable header line (`NSYS-SIM-REPORT 1` + JSON saying what was collected, so
 * `nsys stats` can answer consistently) followed by a deterministic pseudo-random byte stream
 * of realistic size (tuning.nsysBytesPerSec × seconds), written through a node:fs stream so the
 * SFTP download benchmark has real bytes to move. The .sqlite from --stats / export has the same
 * header and 1.5× the size.
 */
import { closeSync, createWriteStream, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimIO } from '../../io.js';

/** Whose kernels a report holds; `cpu` ran no CUDA (a converter, a download), `none` ran nothing. */
export type NsysWorkload = 'vllm' | 'trtllm' | 'sglang' | 'llama.cpp' | 'pytorch' | 'generic' | 'cpu' | 'none';

export interface ReportHeader {
  readonly nsysVersion: string;
  /** The profiled command line ('' for a collection without a launched app). */
  readonly command: string;
  readonly workload: NsysWorkload;
  /** The served model is a mixture of experts (fused MoE kernels appear). */
  readonly moe: boolean;
  readonly traces: readonly string[];
  readonly sample: string;
  readonly gpuMetrics: boolean;
  readonly seconds: number;
  readonly createdAt: number;
  readonly hostname: string;
}

export const reportSizing = {
  /** Even a one-second capture holds process, module and GPU tables: a few MB. */
  minBytes: 4 * 1024 * 1024,
  /** SQLite exports of a report run somewhat larger than the report. */
  sqliteFactor: 1.5,
  chunkBytes: 1024 * 1024,
} as const;

const magic = 'NSYS-SIM-REPORT 1';

export const reportBytes = (io: SimIO, seconds: number): number =>
  Math.max(reportSizing.minBytes, Math.round(io.read().tuning.nsysBytesPerSec * Math.max(0, seconds)));

/** One block of xorshift32 output from a seed; chunks reuse it with their index stamped in. */
const noiseBlock = (seed: number): Buffer => {
  const block = Buffer.alloc(reportSizing.chunkBytes);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < block.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block.writeUInt32LE(x >>> 0, i);
  }
  return block;
};

const seedOf = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

/** Writes header + pseudo-random body of `size` bytes to a box path; resolves when flushed. */
export const writeReportFile = async (io: SimIO, boxPath: string, header: ReportHeader, size: number): Promise<void> => {
  const host = io.fs.hostPath(boxPath);
  mkdirSync(dirname(host), { recursive: true });
  const head = Buffer.from(`${magic}\n${JSON.stringify(header)}\n`);
  const block = noiseBlock(seedOf(`${boxPath}:${header.createdAt}`));
  const stream = createWriteStream(host);
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const write = (chunk: Buffer) => (stream.write(chunk) ? Promise.resolve() : new Promise<void>((r) => stream.once('drain', r)));
  await write(head);
  let left = Math.max(0, size - head.length);
  for (let index = 0; left > 0; index += 1) {
    const chunk = Buffer.from(block.subarray(0, Math.min(left, block.length)));
    if (chunk.length >= 8) chunk.writeUInt32LE(index, 0);
    await write(chunk);
    left -= chunk.length;
  }
  stream.end();
  await finished;
};

/** The header of a simulated report or export, or undefined for anything else. */
export const readReportHeader = (io: SimIO, boxPath: string): ReportHeader | undefined => {
  let fd: number | undefined;
  try {
    fd = openSync(io.fs.hostPath(boxPath), 'r');
    const buffer = Buffer.alloc(16 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const [first, second] = buffer.toString('utf8', 0, read).split('\n');
    if (first !== magic || second === undefined) return undefined;
    return JSON.parse(second) as ReportHeader;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};
