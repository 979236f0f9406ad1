/** How the Models page writes sizes, parameters, formats and times (pure, tested). */
import type { ModelEntry, ModelSource } from '../../../src/domain/model.js';

const gb = 1e9;

/** Decimal GB, as the hubs and `ollama list` write model sizes. */
export const modelSize = (bytes: number | null): string | null => {
  if (bytes === null) return null;
  if (bytes >= gb) return `${(bytes / gb).toFixed(bytes >= 100 * gb ? 0 : 1)} GB`;
  return `${Math.max(1, Math.round(bytes / 1e6))} MB`;
};

/** 30.5B, 600M. */
export const parameterLabel = (count: number): string => (count >= 1e9 ? `${(count / 1e9).toFixed(count >= 1e11 ? 0 : 1)}B` : `${Math.round(count / 1e6)}M`);

/** NVFP4, AWQ 4-bit, GGUF Q4_K_M, BF16 … */
export const formatLabel = (format: ModelEntry['format']): string => {
  switch (format.kind) {
    case 'safetensors':
      return format.quantization?.label ?? (format.dtype === 'bfloat16' ? 'BF16' : format.dtype === 'float16' ? 'FP16' : (format.dtype ?? 'safetensors'));
    case 'gguf':
      return `GGUF ${[...new Set(format.files.map((f) => f.quantType ?? '?'))].join(', ')}`;
    case 'ollama':
      return format.quantType ?? 'Ollama';
    case 'unknown':
      return '—';
  }
};

/** What the Serve page is handed: the folder or file an engine reads, or the Ollama name. */
export const serveTarget = (model: ModelEntry): string | null => (model.source === 'ollama' ? model.id : model.servePath);

export type SortKey = 'name' | 'size' | 'source';

export const sourceOrder: readonly ModelSource[] = ['huggingface', 'modelscope', 'folder', 'ollama'];

export const sortModels = (models: readonly ModelEntry[], key: SortKey): ModelEntry[] =>
  [...models].sort((a, b) =>
    key === 'size' ? (b.sizeBytes ?? -1) - (a.sizeBytes ?? -1) : key === 'source' ? sourceOrder.indexOf(a.source) - sourceOrder.indexOf(b.source) || a.id.localeCompare(b.id) : a.id.localeCompare(b.id),
  );

export const matches = (model: ModelEntry, filter: string): boolean => {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${model.id} ${model.architecture ?? ''} ${formatLabel(model.format)} ${model.source}`.toLowerCase();
  return words.every((w) => text.includes(w));
};

/** 1 h 02 min, 3 min 05 s, 12 s. */
export const duration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
};
