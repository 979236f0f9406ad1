/**
 * `ollama create NAME -f Modelfile` / POST /api/create over the state: FROM a library model the
 * new manifest reuses its weights ("using existing layer"); FROM a .gguf the file is copied as a
 * blob first ("copying file sha256:… 100%", "parsing GGUF"). TEMPLATE, SYSTEM and PARAMETER lines
 * become new small layers ("creating new layer"). Status strings as the real CLI prints them
 * without a terminal (captures: ollama-cli-and-api.txt).
 */
import type { Modelfile } from '../../../../../src/remote/parsers/ollama-modelfile.js';
import { mixedHex } from '../../box.js';
import { findModel, modelLayers, normalizeModelName } from '../../ollama-model.js';
import type { SimOllamaLayer, SimOllamaModel, SimState } from '../../state.js';

/** What the caller learnt from the GGUF file on disk (sha256, size and header keys). */
export interface GgufSource {
  readonly sha256: string; // 64 hex
  readonly sizeBytes: number;
  readonly architecture: string;
  readonly parameterCount: number;
  readonly fileType: number;
  readonly contextLength: number;
}

export interface CreateInput {
  readonly name: string;
  readonly modelfile: Modelfile;
  /** Set when FROM names a GGUF file that exists. */
  readonly gguf?: GgufSource;
}

export type CreateResult = { readonly ok: true; readonly statuses: readonly string[]; readonly model: SimOllamaModel } | { readonly ok: false; readonly error: string };

/** llama_ftype → the quantization name ollama reports. */
const fileTypes: Readonly<Record<number, string>> = { 0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K', 11: 'Q3_K_S', 12: 'Q3_K_M', 13: 'Q3_K_L', 14: 'Q4_K_S', 15: 'Q4_K_M', 16: 'Q5_K_S', 17: 'Q5_K_M', 18: 'Q6_K', 32: 'BF16', 38: 'MXFP4' };

/** format.HumanNumber as `ollama show` prints parameter counts: 8.2B, 137M. */
export const humanNumber = (n: number): string => {
  const units: ReadonlyArray<readonly [number, string]> = [[1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      return `${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${unit}`;
    }
  }
  return String(n);
};

const quote = (value: string): string => (value.includes('\n') ? `"""${value}"""` : value);

const layer = (kind: SimOllamaLayer['kind'], content: string): SimOllamaLayer => ({
  digest: `sha256:${mixedHex(`ollama-layer:${kind}:${content}`, 64)}`,
  sizeBytes: new TextEncoder().encode(content).length,
  kind,
});

export const createModel = (state: SimState, input: CreateInput, now: number): CreateResult => {
  const { modelfile } = input;
  const base = input.gguf ? undefined : findModel(state, modelfile.from);
  if (!input.gguf && !base) return { ok: false, error: 'pull model manifest: file does not exist' };
  const statuses = ['gathering model components'];
  const known = new Set(state.ollama.models.flatMap((m) => modelLayers(m).map((l) => l.digest)));
  const reused: SimOllamaLayer[] = [];
  if (input.gguf) {
    const digest = `sha256:${input.gguf.sha256}`;
    if (!known.has(digest)) statuses.push(`copying file ${digest} 100%`);
    statuses.push('parsing GGUF');
    reused.push({ digest, sizeBytes: input.gguf.sizeBytes, kind: 'model' });
  } else if (base) {
    const overridden = new Set<SimOllamaLayer['kind']>([
      ...(modelfile.template !== null ? (['template'] as const) : []),
      ...(modelfile.system !== null ? (['system'] as const) : []),
      ...(modelfile.parameters.length > 0 ? (['params'] as const) : []),
    ]);
    reused.push(...modelLayers(base).filter((l) => !overridden.has(l.kind)));
  }
  const fresh: SimOllamaLayer[] = [];
  const body: string[] = [];
  const baseBody = base?.modelfile ?? '';
  const template = modelfile.template ?? /^TEMPLATE [\s\S]*?(?=\n(?:PARAMETER|SYSTEM|LICENSE)|$)/.exec(baseBody)?.[0]?.slice('TEMPLATE '.length);
  if (template !== undefined) body.push(`TEMPLATE ${template.startsWith('"""') ? template : quote(template)}`);
  if (modelfile.template !== null) fresh.push(layer('template', modelfile.template));
  if (modelfile.system !== null) {
    body.push(`SYSTEM ${quote(modelfile.system)}`);
    fresh.push(layer('system', modelfile.system));
  }
  const params = modelfile.parameters.length > 0 ? modelfile.parameters.map((p) => `PARAMETER ${p.key} ${p.value}`) : [...baseBody.matchAll(/^PARAMETER .*$/gm)].map((m) => m[0]);
  body.push(...params);
  if (modelfile.parameters.length > 0) fresh.push(layer('params', JSON.stringify(modelfile.parameters)));
  for (const l of reused) statuses.push(`using existing layer ${l.digest}`);
  for (const l of fresh) statuses.push(`creating new layer ${l.digest}`);
  statuses.push('writing manifest', 'success');
  const layers = [...reused, ...fresh];
  const gguf = input.gguf;
  const model: SimOllamaModel = {
    name: normalizeModelName(input.name),
    digest: mixedHex(`ollama-manifest:${layers.map((l) => l.digest).join(',')}`, 64),
    sizeBytes: layers.reduce((sum, l) => sum + l.sizeBytes, 0),
    modifiedAt: now,
    family: gguf ? gguf.architecture : (base?.family ?? 'unknown'),
    parameterSize: gguf ? humanNumber(gguf.parameterCount) : (base?.parameterSize ?? 'unknown'),
    quantization: gguf ? (fileTypes[gguf.fileType] ?? 'unknown') : (base?.quantization ?? 'unknown'),
    modelfile: body.join('\n'),
    layers,
    contextLength: gguf ? gguf.contextLength : base?.contextLength,
    capabilities: base?.capabilities ?? ['completion'],
  };
  state.ollama.models = [...state.ollama.models.filter((m) => m.name !== model.name), model];
  return { ok: true, statuses, model };
};
