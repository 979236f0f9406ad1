/**
 * `ollama create NAME [-f Modelfile]`: reads the Modelfile (relative FROM paths resolve against
 * its folder, as the real client does), reads a FROM .gguf's header from disk, and prints the
 * status lines of the create stream one per line, as the client does without a terminal.
 */
import { posix } from 'node:path';
import { parseModelfile } from '../../../../../src/remote/parsers/ollama-modelfile.js';
import { mixedHex } from '../../box.js';
import type { SimIO } from '../../io.js';
import { createModel, type GgufSource } from '../../ollama-model.js';
import { readGgufFile } from '../llamacpp/gguf-file.js';

const looksLikePath = (from: string): boolean => /^(\.{1,2}\/|\/|~)/.test(from) || from.toLowerCase().endsWith('.gguf');

const ggufSource = (io: SimIO, path: string): GgufSource | 'not-gguf' => {
  const info = readGgufFile(io.fs.hostPath(path));
  if (!info) return 'not-gguf';
  const arch = String(info.metadata['general.architecture'] ?? 'unknown');
  const headerKey = JSON.stringify(Object.entries(info.metadata).map(([k, v]) => [k, String(v)]));
  return {
    // Hashing a sparse multi-GB file would take minutes: the header and size stand in for the content.
    sha256: mixedHex(`gguf:${info.sizeBytes}:${headerKey}`, 64),
    sizeBytes: info.sizeBytes,
    architecture: arch,
    parameterCount: Number(info.metadata['general.parameter_count'] ?? 0) || Math.round(info.sizeBytes / 0.6),
    fileType: Number(info.metadata['general.file_type'] ?? 1),
    contextLength: Number(info.metadata[`${arch}.context_length`] ?? 4096),
  };
};

export const create = async (io: SimIO, args: readonly string[]): Promise<number> => {
  let name: string | undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '-f' || arg === '--file') file = args[(i += 1)];
    else if (arg.startsWith('--file=')) file = arg.slice('--file='.length);
    else if (arg === '-q' || arg === '--quantize') i += 1;
    else if (!arg.startsWith('-')) name ??= arg;
  }
  if (name === undefined) {
    io.error('Error: accepts 1 arg(s), received 0\n');
    return 1;
  }
  const modelfilePath = io.fs.resolve(file ?? 'Modelfile', io.cwd);
  if (!io.fs.exists(modelfilePath)) {
    io.error(file === undefined ? 'Error: no Modelfile or safetensors files found\n' : `Error: open ${file}: no such file or directory\n`);
    return 1;
  }
  const parsed = parseModelfile(io.fs.readText(modelfilePath));
  if (!parsed.ok) {
    io.error(`Error: ${parsed.reason}\n`);
    return 1;
  }
  const from = parsed.modelfile.from;
  let gguf: GgufSource | undefined;
  if (looksLikePath(from)) {
    const path = io.fs.resolve(from, posix.dirname(modelfilePath));
    if (io.fs.exists(path)) {
      const source = ggufSource(io, path);
      if (source === 'not-gguf') {
        io.error('Error: invalid file magic\n');
        return 1;
      }
      gguf = source;
    }
  }
  const result = io.update((s, now) => createModel(s, { name, modelfile: parsed.modelfile, gguf }, now));
  if (!result.ok) {
    io.write('gathering model components\n');
    io.error(`Error: ${result.error}\n`);
    return 1;
  }
  for (const status of result.statuses) {
    io.write(`${status}\n`);
    if (!(await io.sleep(status.startsWith('copying') ? 200 : 20))) return 130;
  }
  return 0;
};
