/**
 * The run settings form as the user types it (strings), and its translation into LoadTestSettings
 * with a sentence key per field that is wrong. Pure: the page renders the problems, the store sends
 * the settings.
 */
import { LoadTestSettings, type LoadTestDataset, type LoadTestTarget } from '../../src/domain/loadtest.js';
import { parseParallel, parsePercentiles } from './parallel-list.js';

/** A running server of the selected box that a run can target. */
export interface ServerTarget {
  readonly key: string;
  readonly deviceId: string;
  readonly boxPort: number;
  readonly model: string;
  readonly label: string;
}

export interface RunForm {
  /** The saved report's name; empty: the runner names it. */
  readonly name: string;
  readonly targetKind: 'server' | 'url';
  readonly serverKey: string;
  readonly url: string;
  readonly model: string;
  readonly api: 'chat' | 'completions';
  readonly requests: string;
  readonly parallel: string;
  readonly rateKind: 'unlimited' | 'poisson';
  readonly ratePerSecond: string;
  readonly stream: boolean;
  readonly maxTokens: string;
  readonly minTokens: string;
  readonly warmup: string;
  readonly datasetKind: 'bundled-en' | 'bundled-zh' | 'random' | 'file';
  readonly inputTokens: string;
  readonly outputTokens: string;
  readonly file: { readonly name: string; readonly prompts: readonly string[] } | null;
  readonly sloTtftMs: string;
  readonly sloTpotMs: string;
  readonly percentiles: string;
  readonly place: 'laptop' | 'box';
  readonly seed: string;
}

/** evalscope perf's defaults where it has them (parallel 1, 100 requests, max tokens 2048 lowered to a quick 256). */
export const defaultRunForm: RunForm = {
  name: '',
  targetKind: 'server',
  serverKey: '',
  url: 'http://127.0.0.1:8000/v1',
  model: '',
  api: 'chat',
  requests: '32',
  parallel: '1,2,4,8',
  rateKind: 'unlimited',
  ratePerSecond: '4',
  stream: true,
  maxTokens: '256',
  minTokens: '',
  warmup: '1',
  datasetKind: 'bundled-en',
  inputTokens: '512',
  outputTokens: '256',
  file: null,
  sloTtftMs: '',
  sloTpotMs: '',
  percentiles: '50, 90, 95, 99',
  place: 'laptop',
  seed: '42',
};

export type FormField = keyof RunForm;
/** Keys under benchmark.invalid (the i18n files have a sentence for each). */
export type InvalidKey =
  | 'model'
  | 'server'
  | 'url'
  | 'requests'
  | `parallel.${'empty' | 'not-number' | 'out-of-range' | 'too-many'}`
  | 'rate'
  | 'tokens'
  | 'minAboveMax'
  | 'warmup'
  | 'file'
  | 'slo'
  | 'percentiles'
  | 'seed'
  | 'name'
  | 'schema';
/** A problem: the field, the key under benchmark.invalid, and its interpolation values. */
export interface FormProblem {
  readonly field: FormField;
  readonly key: InvalidKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The contract's Name: at most 200 characters once trimmed. */
export const maxRunNameLength = 200;

export type FormResult = { readonly ok: true; readonly settings: LoadTestSettings; readonly name: string | null } | { readonly ok: false; readonly problems: readonly FormProblem[] };

const int = (text: string, min: number, max: number): number | null => {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
};

const positive = (text: string): number | null => {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n > 0 ? n : null;
};

/** An empty optional field is null; a filled wrong one is undefined. */
const optionalPositive = (text: string): number | null | undefined => (text.trim() === '' ? null : (positive(text) ?? undefined));

const urlOk = (text: string): boolean => {
  try {
    const u = new URL(text.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

const targetOf = (form: RunForm, servers: readonly ServerTarget[], problems: FormProblem[]): LoadTestTarget | null => {
  const model = form.model.trim();
  if (model === '') problems.push({ field: 'model', key: 'model' });
  if (form.targetKind === 'server') {
    const server = servers.find((s) => s.key === form.serverKey);
    if (!server) {
      problems.push({ field: 'serverKey', key: 'server' });
      return null;
    }
    return model === '' ? null : { kind: 'server', deviceId: server.deviceId, boxPort: server.boxPort, model, label: server.label };
  }
  if (!urlOk(form.url)) {
    problems.push({ field: 'url', key: 'url' });
    return null;
  }
  return model === '' ? null : { kind: 'url', baseUrl: form.url.trim(), model };
};

const datasetOf = (form: RunForm, problems: FormProblem[]): LoadTestDataset | null => {
  switch (form.datasetKind) {
    case 'bundled-en':
      return { kind: 'bundled', language: 'en' };
    case 'bundled-zh':
      return { kind: 'bundled', language: 'zh' };
    case 'random': {
      const inputTokens = int(form.inputTokens, 1, 1_000_000);
      const outputTokens = int(form.outputTokens, 1, 1_000_000);
      if (inputTokens === null) problems.push({ field: 'inputTokens', key: 'tokens', params: { max: 1_000_000 } });
      if (outputTokens === null) problems.push({ field: 'outputTokens', key: 'tokens', params: { max: 1_000_000 } });
      return inputTokens === null || outputTokens === null ? null : { kind: 'random', inputTokens, outputTokens };
    }
    case 'file':
      if (!form.file) {
        problems.push({ field: 'file', key: 'file' });
        return null;
      }
      return { kind: 'file', name: form.file.name.slice(0, 300), prompts: [...form.file.prompts] };
  }
};

export const settingsFromForm = (form: RunForm, servers: readonly ServerTarget[]): FormResult => {
  const problems: FormProblem[] = [];
  const target = targetOf(form, servers, problems);
  const requests = int(form.requests, 1, 100_000);
  if (requests === null) problems.push({ field: 'requests', key: 'requests', params: { max: 100_000 } });
  const parallel = parseParallel(form.parallel);
  if (!parallel.ok) problems.push({ field: 'parallel', key: `parallel.${parallel.problem}`, params: { value: parallel.value ?? '' } });
  const perSecond = form.rateKind === 'poisson' ? positive(form.ratePerSecond) : null;
  if (form.rateKind === 'poisson' && perSecond === null) problems.push({ field: 'ratePerSecond', key: 'rate' });
  const maxTokens = int(form.maxTokens, 1, 1_000_000);
  if (maxTokens === null) problems.push({ field: 'maxTokens', key: 'tokens', params: { max: 1_000_000 } });
  const minTokens = form.minTokens.trim() === '' ? null : int(form.minTokens, 1, 1_000_000);
  if (form.minTokens.trim() !== '' && minTokens === null) problems.push({ field: 'minTokens', key: 'tokens', params: { max: 1_000_000 } });
  else if (minTokens !== null && maxTokens !== null && minTokens > maxTokens) problems.push({ field: 'minTokens', key: 'minAboveMax' });
  const warmup = int(form.warmup, 0, 1000);
  if (warmup === null) problems.push({ field: 'warmup', key: 'warmup' });
  const dataset = datasetOf(form, problems);
  const ttftMs = optionalPositive(form.sloTtftMs);
  const tpotMs = optionalPositive(form.sloTpotMs);
  if (ttftMs === undefined) problems.push({ field: 'sloTtftMs', key: 'slo' });
  if (tpotMs === undefined) problems.push({ field: 'sloTpotMs', key: 'slo' });
  const percentiles = parsePercentiles(form.percentiles);
  if (percentiles === null) problems.push({ field: 'percentiles', key: 'percentiles' });
  const seed = int(form.seed, 0, 2 ** 31 - 1);
  if (seed === null) problems.push({ field: 'seed', key: 'seed' });
  const name = form.name.trim();
  if (name.length > maxRunNameLength) problems.push({ field: 'name', key: 'name', params: { max: maxRunNameLength } });
  if (problems.length > 0 || !target || requests === null || !parallel.ok || maxTokens === null || warmup === null || !dataset || ttftMs === undefined || tpotMs === undefined || percentiles === null || seed === null) {
    return { ok: false, problems };
  }
  const settings = LoadTestSettings.safeParse({
    target,
    api: form.api,
    requests,
    parallel: [...parallel.levels],
    rate: perSecond === null ? { kind: 'unlimited' } : { kind: 'poisson', perSecond },
    stream: form.stream,
    maxTokens,
    minTokens,
    warmup,
    dataset,
    slo: { ttftMs, tpotMs },
    percentiles: [...percentiles],
    place: form.place,
    seed,
  });
  // Every bound above mirrors the schema; a miss here is ours, shown rather than sent.
  return settings.success ? { ok: true, settings: settings.data, name: name === '' ? null : name } : { ok: false, problems: [{ field: 'requests', key: 'schema', params: { detail: settings.error.issues[0]?.message ?? '' } }] };
};

/** The model a server target prefills. */
export const withServer = (form: RunForm, server: ServerTarget | undefined): RunForm => (server ? { ...form, targetKind: 'server', serverKey: server.key, model: server.model } : form);
