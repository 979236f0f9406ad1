/**
 * Progress of `ollama pull` and `ollama create`: the CLI's plain lines (no terminal) and the
 * NDJSON objects of POST /api/pull and /api/create. The pull status names a layer by the first
 * 12 hex of its digest (`pulling 58574f2e94b9`, not the full digest; gotcha 11); the cleanup
 * status is `removing unused layers` in code, `removing any unused layers` in the docs.
 */
import { parseHumanBytes } from './ollama-tables.js';

export type OllamaProgressEvent =
  | { readonly kind: 'manifest' }
  | {
      readonly kind: 'layer';
      /** 12 hex from the status text. */
      readonly shortDigest: string;
      /** Full `sha256:<64 hex>` when the JSON carries it. */
      readonly digest: string | null;
      readonly percent: number | null;
      readonly completedBytes: number | null;
      readonly totalBytes: number | null;
    }
  | { readonly kind: 'verifying' }
  | { readonly kind: 'writing-manifest' }
  | { readonly kind: 'removing-layers' }
  | { readonly kind: 'success' }
  | { readonly kind: 'gathering' }
  | { readonly kind: 'copying'; readonly digest: string; readonly percent: number | null }
  | { readonly kind: 'parsing-gguf' }
  | { readonly kind: 'existing-layer'; readonly digest: string }
  | { readonly kind: 'new-layer'; readonly digest: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'other'; readonly text: string };

const fixed: ReadonlyArray<readonly [RegExp, OllamaProgressEvent]> = [
  [/^pulling manifest$/, { kind: 'manifest' }],
  [/^verifying sha256 digest$/, { kind: 'verifying' }],
  [/^writing manifest$/, { kind: 'writing-manifest' }],
  [/^removing (any )?unused layers$/, { kind: 'removing-layers' }],
  [/^success$/, { kind: 'success' }],
  [/^gathering model components$/, { kind: 'gathering' }],
  [/^parsing GGUF$/, { kind: 'parsing-gguf' }],
];

/** Terminal control sequences of the TTY spinner (cursor hide/show, column 1, clear line). */
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** One status text (a CLI line or a JSON `status`), without byte counts from JSON. */
const fromStatus = (raw: string): OllamaProgressEvent | null => {
  const text = raw.replace(ansi, '').replace(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g, '').trim();
  if (text === '') return null;
  for (const [re, event] of fixed) if (re.test(text)) return event;
  const error = /^Error: (.*)$/.exec(text);
  if (error) return { kind: 'error', message: error[1]! };
  const layer = /^pulling ([0-9a-f]{12})(?:\.\.\.|:)?\s*(?:(\d+)%)?(.*)$/.exec(text);
  if (layer) {
    const sizes = /([\d.]+ [KMGT]?B)\s*\/\s*([\d.]+ [KMGT]?B)/.exec(layer[3]!);
    const done = /([\d.]+ [KMGT]?B)\s*$/.exec(layer[3]!);
    const percent = layer[2] !== undefined ? Number(layer[2]) : null;
    const total = sizes ? parseHumanBytes(sizes[2]!) : percent === 100 && done ? parseHumanBytes(done[1]!) : null;
    return { kind: 'layer', shortDigest: layer[1]!, digest: null, percent, completedBytes: sizes ? parseHumanBytes(sizes[1]!) : percent === 100 ? total : null, totalBytes: total };
  }
  const copying = /^copying file (sha256:[0-9a-f]{64})(?:\s+(\d+)%)?$/.exec(text);
  if (copying) return { kind: 'copying', digest: copying[1]!, percent: copying[2] !== undefined ? Number(copying[2]) : null };
  const existing = /^using (?:existing|already created) layer (sha256:[0-9a-f]{64})$/.exec(text);
  if (existing) return { kind: 'existing-layer', digest: existing[1]! };
  const created = /^(?:creating new|writing) layer (sha256:[0-9a-f]{64})$/.exec(text);
  if (created) return { kind: 'new-layer', digest: created[1]! };
  return { kind: 'other', text };
};

/** Every event of the CLI's output (stdout and stderr together, `\r` redraws included). */
export const parseOllamaProgressText = (text: string): OllamaProgressEvent[] =>
  text.split(/[\r\n]+/).map(fromStatus).filter((e): e is OllamaProgressEvent => e !== null);

/** One NDJSON object of /api/pull or /api/create; null for blank or non-JSON lines. */
export const parseOllamaProgressJson = (line: string): OllamaProgressEvent | null => {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record['error'] === 'string') return { kind: 'error', message: record['error'] };
  if (typeof record['status'] !== 'string') return null;
  const event = fromStatus(record['status']);
  if (event?.kind !== 'layer') return event;
  const total = typeof record['total'] === 'number' ? record['total'] : null;
  const completed = typeof record['completed'] === 'number' ? record['completed'] : null;
  return {
    ...event,
    digest: typeof record['digest'] === 'string' ? record['digest'] : null,
    totalBytes: total,
    completedBytes: completed,
    percent: total !== null && total > 0 && completed !== null ? Math.floor((completed / total) * 100) : null,
  };
};

export interface OllamaPullSummary {
  /** Layers by short digest with their total size (the 100% line's or the JSON's). */
  readonly layers: ReadonlyArray<{ readonly shortDigest: string; readonly totalBytes: number | null; readonly complete: boolean }>;
  readonly succeeded: boolean;
  readonly error: string | null;
}

export const summarizePull = (events: readonly OllamaProgressEvent[]): OllamaPullSummary => {
  const layers = new Map<string, { shortDigest: string; totalBytes: number | null; complete: boolean }>();
  for (const e of events) {
    if (e.kind !== 'layer') continue;
    const previous = layers.get(e.shortDigest);
    const complete = e.percent === 100 || (e.totalBytes !== null && e.completedBytes === e.totalBytes);
    layers.set(e.shortDigest, { shortDigest: e.shortDigest, totalBytes: e.totalBytes ?? previous?.totalBytes ?? null, complete: complete || (previous?.complete ?? false) });
  }
  const error = events.find((e) => e.kind === 'error');
  return { layers: [...layers.values()], succeeded: events.some((e) => e.kind === 'success'), error: error?.kind === 'error' ? error.message : null };
};
