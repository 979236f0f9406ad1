/**
 * What the Serve service needs for an Ollama launch besides its job: the model's size for the
 * memory guard (the library entry, else `ollama list`), the others holding memory (the same
 * model already loaded is not counted twice: loading it again takes nothing more), and one
 * readiness step through the tunnel.
 */
import type { ServeModelInfo } from '../../../src/domain/serve.js';
import type { MemoryHolder } from '../../../src/recipes/memory-guard.js';
import type { WeightsSize } from '../../../src/recipes/memory-model.js';
import { ollamaCanonicalName } from '../../../src/recipes/serve/serve-ollama-job.js';
import type { ServeLaunch } from '../../../src/recipes/serve/serve-launch.js';
import { weightFormatOf } from '../../../src/recipes/serve/serve-weights.js';
import { parseOllamaList } from '../../../src/remote/parsers/ollama-tables.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { ReadinessStep } from './serve-probe.js';
import { probeOllamaLoaded, serveOllamaLimits } from './serve-ollama.js';

/** `ollama list`'s models and their sizes; empty when the daemon does not answer. */
export const readOllamaListed = async (box: SshConnection): Promise<ReadonlyMap<string, number>> => {
  const result = await box.exec('LC_ALL=C ollama list', { timeoutMs: serveOllamaLimits.readTimeoutMs });
  const parsed = result.code === 0 ? parseOllamaList(result.stdout) : null;
  return new Map(parsed?.ok === true ? parsed.rows.flatMap((r) => (r.sizeBytes === null ? [] : [[ollamaCanonicalName(r.name), r.sizeBytes] as const])) : []);
};

/** An Ollama model's weights: its size on disk (the library's entry, else `ollama list`); null when it is not pulled yet. */
export const ollamaWeights = (model: ServeModelInfo | undefined, listed: ReadonlyMap<string, number>, name?: string): WeightsSize | null => {
  const format = weightFormatOf(model?.quantization);
  if (model?.sizeBytes !== undefined && model.sizeBytes !== null && model.sizeBytes > 0) return { kind: 'on-disk', bytes: model.sizeBytes, format };
  const bytes = name === undefined ? undefined : listed.get(ollamaCanonicalName(name));
  return bytes === undefined ? null : { kind: 'on-disk', bytes, format };
};

/** Ollama's loaded models but the one this launch loads. */
export const othersThan = (launch: ServeLaunch, loaded: readonly MemoryHolder[]): MemoryHolder[] =>
  launch.engine !== 'ollama' ? [...loaded] : loaded.filter((h) => h.kind !== 'ollama-model' || ollamaCanonicalName(h.name) !== ollamaCanonicalName(launch.servedModelName));

/** One readiness step of an Ollama server: ready once the daemon's /api/ps lists its model. */
export const ollamaStep = async (localPort: number, model: string | null): Promise<ReadinessStep> => {
  if (model === null) return { kind: 'not-up', reason: 'no model name' };
  const probe = await probeOllamaLoaded(localPort, model);
  return probe.loaded ? { kind: 'ready' } : { kind: 'not-up', reason: probe.reason };
};
