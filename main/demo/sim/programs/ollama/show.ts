/**
 * `ollama show NAME` (the Model / Capabilities / Parameters sections of cmd/cmd.go showInfo) and
 * its --modelfile, --parameters, --template and --system views.
 */
import type { SimIO } from '../../io.js';
import { showModel } from '../../ollama-model.js';
import { findLibraryModel } from './library.js';

const section = (title: string, rows: ReadonlyArray<readonly string[]>): string => {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => `    ${r.map((cell, i) => `${cell.padEnd(widths[i]!)}    `).join('')}`);
  return `  ${title}\n${lines.join('\n')}\n\n`;
};

export const show = (io: SimIO, args: readonly string[]): number => {
  const name = args.find((a) => !a.startsWith('-'));
  if (name === undefined) {
    io.error('Error: accepts 1 arg(s), received 0\n');
    return 1;
  }
  const info = showModel(io.read(), name);
  if (!info) {
    io.error(`Error: model '${name}' not found\n`);
    return 1;
  }
  const quoteValue = (v: string) => (/\s|[<>|]/.test(v) && !v.startsWith('"') ? `"${v}"` : v);
  if (args.includes('--modelfile')) io.write(info.modelfile);
  else if (args.includes('--parameters')) io.write(info.parameters.map(([k, v]) => `${k.padEnd(30)} ${quoteValue(v)}`).join('\n') + '\n');
  else if (args.includes('--template')) io.write(`${info.template}\n`);
  else if (args.includes('--system')) io.write(`${info.system ?? ''}\n`);
  else {
    const embedding = findLibraryModel(info.model.name)?.embeddingLength;
    const modelRows = [
      ['architecture', info.architecture],
      ['parameters', info.model.parameterSize],
      ['context length', String(info.contextLength)],
      ...(embedding !== undefined ? [['embedding length', String(embedding)]] : []),
      ['quantization', info.model.quantization],
    ];
    io.write(
      section('Model', modelRows) +
        section('Capabilities', info.capabilities.map((c) => [c])) +
        section('Parameters', info.parameters.map(([k, v]) => [k, quoteValue(v)])) +
        (info.system !== null ? section('System', [[info.system.split('\n')[0] ?? '']]) : ''),
    );
  }
  return 0;
};
