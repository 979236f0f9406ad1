/**
 * Simulated GGUF files: a real GGUF v3 header (magic, version, tensor count, typed key/values
 * such as `general.architecture`, `general.file_type`, `<arch>.block_count`) followed by a
 * sparse body of the file's full size. Tools that read GGUF metadata (ollama's "parsing GGUF",
 * llama-quantize here) see real keys; the weights cost no disk.
 */
import { closeSync, mkdirSync, openSync, readSync, statSync, ftruncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type GgufValue = string | number | bigint | boolean;

/** GGUF value type ids (ggml/include/gguf.h). */
const gguf = { uint32: 4, bool: 7, string: 8, uint64: 10, float32: 6 } as const;

export interface GgufInfo {
  readonly version: number;
  readonly tensorCount: number;
  readonly metadata: Readonly<Record<string, GgufValue>>;
  /** Size of the whole file (sparse bodies included). */
  readonly sizeBytes: number;
}

const encodeString = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(8 + bytes.length);
  out.writeBigUInt64LE(BigInt(bytes.length), 0);
  bytes.copy(out, 8);
  return out;
};

const encodeValue = (value: GgufValue): Buffer => {
  if (typeof value === 'string') return Buffer.concat([u32(gguf.string), encodeString(value)]);
  if (typeof value === 'boolean') return Buffer.concat([u32(gguf.bool), Buffer.from([value ? 1 : 0])]);
  if (typeof value === 'bigint') {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(value, 0);
    return Buffer.concat([u32(gguf.uint64), b]);
  }
  if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return Buffer.concat([u32(gguf.uint32), u32(value)]);
  const f = Buffer.alloc(4);
  f.writeFloatLE(value, 0);
  return Buffer.concat([u32(gguf.float32), f]);
};

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
};

export const encodeGgufHeader = (tensorCount: number, metadata: Readonly<Record<string, GgufValue>>): Buffer => {
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'latin1');
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(BigInt(tensorCount), 8);
  head.writeBigUInt64LE(BigInt(Object.keys(metadata).length), 16);
  const pairs = Object.entries(metadata).map(([key, value]) => Buffer.concat([encodeString(key), encodeValue(value)]));
  return Buffer.concat([head, ...pairs]);
};

/** Writes header + sparse body; `size` smaller than the header grows to fit it. */
export const writeGgufFile = (hostPath: string, size: number, tensorCount: number, metadata: Readonly<Record<string, GgufValue>>): void => {
  mkdirSync(dirname(hostPath), { recursive: true });
  const header = encodeGgufHeader(tensorCount, metadata);
  const fd = openSync(hostPath, 'w');
  try {
    writeSync(fd, header, 0, header.length, 0);
    ftruncateSync(fd, Math.max(size, header.length));
  } finally {
    closeSync(fd);
  }
};

/** The header of a GGUF file, or undefined when it is not one (or unreadable). */
export const readGgufFile = (hostPath: string): GgufInfo | undefined => {
  let fd: number | undefined;
  try {
    const sizeBytes = statSync(hostPath).size;
    fd = openSync(hostPath, 'r');
    const buffer = Buffer.alloc(Math.min(sizeBytes, 64 * 1024));
    readSync(fd, buffer, 0, buffer.length, 0);
    if (buffer.toString('latin1', 0, 4) !== 'GGUF') return undefined;
    const version = buffer.readUInt32LE(4);
    const tensorCount = Number(buffer.readBigUInt64LE(8));
    const kvCount = Number(buffer.readBigUInt64LE(16));
    let at = 24;
    const readString = () => {
      const length = Number(buffer.readBigUInt64LE(at));
      const text = buffer.toString('utf8', at + 8, at + 8 + length);
      at += 8 + length;
      return text;
    };
    const metadata: Record<string, GgufValue> = {};
    for (let i = 0; i < kvCount && at < buffer.length; i += 1) {
      const key = readString();
      const type = buffer.readUInt32LE(at);
      at += 4;
      if (type === gguf.string) {
        metadata[key] = readString();
        continue;
      }
      const width = type === gguf.uint64 ? 8 : type === gguf.bool ? 1 : 4;
      if (type === gguf.uint32) metadata[key] = buffer.readUInt32LE(at);
      else if (type === gguf.uint64) metadata[key] = buffer.readBigUInt64LE(at);
      else if (type === gguf.float32) metadata[key] = buffer.readFloatLE(at);
      else if (type === gguf.bool) metadata[key] = buffer[at] === 1;
      else break; // arrays and other types: the simulator never writes them
      at += width;
    }
    return { version, tensorCount, metadata, sizeBytes };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};
