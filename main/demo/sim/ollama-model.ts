/**
 * Ollama's model store as pure functions over SimState, shared by the simulated `ollama` CLI and
 * the simulated REST server, so `ollama pull` then GET /api/tags (or /api/generate then
 * `ollama ps`) agree. Mutating helpers are meant to run inside `io.update`.
 */
import { mixedHex } from './box.js';
import { findLibraryModel, type LibraryModel } from './programs/ollama/library.js';
import type { SimOllamaLayer, SimOllamaLoaded, SimOllamaModel, SimState } from './state.js';

export { createModel, type CreateInput, type CreateResult, type GgufSource } from './programs/ollama/create-model.js';

export const ollamaConstants = {
  /** OLLAMA_KEEP_ALIVE default: a model stays loaded 5 minutes after its last request. */
  keepAliveMs: 5 * 60_000,
  /** Default num_ctx of the runner (the captures' CONTEXT column reads 4096). */
  contextLength: 4096,
  /** Where the Linux service keeps models (the install script's `ollama` user). */
  modelsDir: '/usr/share/ollama/.ollama/models',
  /** KV cache + compute graph per context token, bytes: ~0.15 MB/token for 8B-class models at f16. */
  kvBytesPerToken: 147_456,
  /** Reading weights from NVMe into unified memory, ms per GiB (a few GB/s). */
  loadMsPerGiB: 250,
  processName: '/usr/local/bin/ollama',
  version: '0.30.5',
} as const;

/** `qwen3` → `qwen3:latest`; drops the default registry and `library/` namespace. */
export const normalizeModelName = (raw: string): string => {
  let name = raw.trim().replace(/^https?:\/\//, '').replace(/^registry\.ollama\.ai\//, '').replace(/^library\//, '');
  if (!/:[^/]+$/.test(name)) name = `${name}:latest`;
  return name.toLowerCase();
};

export const findModel = (state: SimState, name: string): SimOllamaModel | undefined => {
  const wanted = normalizeModelName(name);
  return state.ollama.models.find((m) => m.name === wanted);
};

/** GET /api/tags and `ollama list` order: newest first. */
export const listModels = (state: SimState): SimOllamaModel[] => [...state.ollama.models].sort((a, b) => b.modifiedAt - a.modifiedAt);

/** Models still loaded at `now`, latest expiry first (the server's /api/ps order). */
export const runningModels = (state: SimState, now: number): SimOllamaLoaded[] =>
  state.ollama.loaded.filter((l) => l.expiresAt > now).sort((a, b) => b.expiresAt - a.expiresAt);

/** Unloads models whose keep-alive ran out (their runner processes exit). */
export const pruneExpired = (state: SimState, now: number): void => {
  for (const loaded of state.ollama.loaded.filter((l) => l.expiresAt <= now)) unloadModel(state, loaded.name);
};

/** Memory a loaded model holds: weights plus KV cache for its context. */
export const loadedSizeBytes = (model: SimOllamaModel, contextLength: number): number => model.sizeBytes + contextLength * ollamaConstants.kvBytesPerToken;

export const loadModel = (
  state: SimState,
  name: string,
  now: number,
  options: { keepAliveMs?: number; contextLength?: number } = {},
): SimOllamaLoaded | undefined => {
  const model = findModel(state, name);
  if (!model) return undefined;
  const keepAlive = options.keepAliveMs ?? ollamaConstants.keepAliveMs;
  // keep_alive < 0 keeps the model forever (ps shows "Forever").
  const expiresAt = keepAlive < 0 ? now + 100 * 365 * 86_400_000 : now + keepAlive;
  const existing = state.ollama.loaded.find((l) => l.name === model.name);
  if (existing) {
    const refreshed = { ...existing, expiresAt };
    state.ollama.loaded = state.ollama.loaded.map((l) => (l.name === model.name ? refreshed : l));
    return refreshed;
  }
  const numCtx = Number(/PARAMETER num_ctx (\d+)/.exec(model.modelfile)?.[1] ?? NaN);
  const contextLength = options.contextLength ?? (Number.isFinite(numCtx) ? numCtx : ollamaConstants.contextLength);
  const size = loadedSizeBytes(model, contextLength);
  const pid = state.nextPid;
  state.nextPid += 1;
  state.gpuProcesses.push({
    pid,
    name: ollamaConstants.processName,
    type: 'C',
    memoryMiB: Math.round(size / 2 ** 20),
    startedAt: now,
    loadMs: Math.round((model.sizeBytes / 2 ** 30) * ollamaConstants.loadMsPerGiB),
    containerId: undefined,
    fileCacheMiB: Math.round(model.sizeBytes / 2 ** 20),
  });
  const loaded: SimOllamaLoaded = { name: model.name, sizeVramBytes: size, expiresAt, contextLength, pid };
  state.ollama.loaded.push(loaded);
  return loaded;
};

export const unloadModel = (state: SimState, name: string): boolean => {
  const wanted = normalizeModelName(name);
  const loaded = state.ollama.loaded.find((l) => l.name === wanted);
  if (!loaded) return false;
  state.ollama.loaded = state.ollama.loaded.filter((l) => l !== loaded);
  state.gpuProcesses = state.gpuProcesses.filter((p) => p.pid !== loaded.pid);
  return true;
};

/** Removes a model (and unloads it). False when there is no such model. */
export const deleteModel = (state: SimState, name: string): boolean => {
  const model = findModel(state, name);
  if (!model) return false;
  unloadModel(state, model.name);
  state.ollama.models = state.ollama.models.filter((m) => m !== model);
  return true;
};

export const blobPath = (digest: string): string => `${ollamaConstants.modelsDir}/blobs/${digest.replace(':', '-')}`;

export const modelLayers = (model: SimOllamaModel): readonly SimOllamaLayer[] =>
  model.layers ?? [{ digest: `sha256:${mixedHex(`ollama-blob:${model.name}`, 64)}`, sizeBytes: model.sizeBytes, kind: 'model' }];

/** `ollama show --modelfile`: the generated header, FROM the weights blob, then the body. */
export const modelfileText = (model: SimOllamaModel): string => {
  const weights = modelLayers(model).find((l) => l.kind === 'model');
  const lines = [
    '# Modelfile generated by "ollama show"',
    '# To build a new Modelfile based on this one, replace the FROM line with:',
    `# FROM ${model.name}`,
    '',
    `FROM ${weights ? blobPath(weights.digest) : model.name}`,
    model.modelfile,
  ];
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
};

export interface ShowInfo {
  readonly model: SimOllamaModel;
  readonly architecture: string;
  readonly contextLength: number;
  readonly capabilities: readonly string[];
  readonly parameters: ReadonlyArray<readonly [string, string]>;
  readonly system: string | null;
  readonly template: string;
  readonly modelfile: string;
}

export const showModel = (state: SimState, name: string): ShowInfo | undefined => {
  const model = findModel(state, name);
  if (!model) return undefined;
  const parameters = [...model.modelfile.matchAll(/^PARAMETER (\S+) (.*)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  const template = /^TEMPLATE """([\s\S]*?)"""/m.exec(model.modelfile)?.[1] ?? /^TEMPLATE (.*)$/m.exec(model.modelfile)?.[1] ?? '';
  const system = /^SYSTEM """([\s\S]*?)"""/m.exec(model.modelfile)?.[1] ?? /^SYSTEM (.*)$/m.exec(model.modelfile)?.[1] ?? null;
  return {
    model,
    architecture: model.family,
    contextLength: model.contextLength ?? ollamaConstants.contextLength,
    capabilities: model.capabilities ?? ['completion'],
    parameters,
    system,
    template,
    modelfile: modelfileText(model),
  };
};

// ---- pull ---------------------------------------------------------------------------------

export interface PullLayer extends SimOllamaLayer {
  /** Bytes already on disk: the whole blob when another model has it, a partial download, or 0. */
  readonly startBytes: number;
}

export type PullPlan =
  | { readonly ok: true; readonly name: string; readonly library: LibraryModel; readonly layers: readonly PullLayer[] }
  | { readonly ok: false; readonly error: string };

export const planPull = (state: SimState, name: string): PullPlan => {
  const wanted = normalizeModelName(name);
  const entry = findLibraryModel(wanted);
  if (!entry) return { ok: false, error: 'pull model manifest: file does not exist' };
  const present = new Set(state.ollama.models.flatMap((m) => modelLayers(m).map((l) => l.digest)));
  const layers = entry.layers.map((l) => ({ ...l, startBytes: present.has(l.digest) ? l.sizeBytes : Math.min(l.sizeBytes, state.ollama.partial?.[l.digest] ?? 0) }));
  return { ok: true, name: wanted, library: entry, layers };
};

/** Download speed of pulls (the slow-network fault divides it by 50). */
export const pullBytesPerSec = (state: SimState): number => state.tuning.downloadBytesPerSec / (state.faults['slow-network'] ? 50 : 1);

/** Remembers how far a blob got, so an interrupted pull resumes there. */
export const recordPullProgress = (state: SimState, digest: string, completed: number): void => {
  state.ollama.partial = { ...(state.ollama.partial ?? {}), [digest]: completed };
};

/** Writes the manifest: the model appears under the name it was pulled as. */
export const finishPull = (state: SimState, plan: Extract<PullPlan, { ok: true }>, now: number): SimOllamaModel => {
  const entry = plan.library;
  const model: SimOllamaModel = {
    name: plan.name,
    digest: entry.manifestDigest,
    sizeBytes: entry.layers.reduce((sum, l) => sum + l.sizeBytes, 0),
    modifiedAt: now,
    family: entry.family,
    parameterSize: entry.parameterSize,
    quantization: entry.quantization,
    modelfile: entry.modelfileBody,
    layers: entry.layers,
    contextLength: entry.contextLength,
    capabilities: entry.capabilities,
  };
  state.ollama.models = [...state.ollama.models.filter((m) => m.name !== model.name), model];
  if (state.ollama.partial) for (const l of entry.layers) delete state.ollama.partial[l.digest];
  return model;
};

// ---- generation ---------------------------------------------------------------------------

const greetings: ReadonlyArray<readonly [RegExp, string]> = [
  [/^qwen/, "I'm Qwen, a large language model created by Alibaba Cloud."],
  [/^llama/, "I'm an AI assistant built on Meta's Llama model."],
  [/^gptoss/, "I'm ChatGPT-style open-weight model gpt-oss, released by OpenAI."],
  [/^gemma/, "I'm Gemma, an open model from Google DeepMind."],
  [/^granite/, "I'm Granite, an AI model developed by IBM."],
];

/** A canned but model-aware answer: who the model is, then a short reply to the prompt. */
export const cannedReply = (model: SimOllamaModel, prompt: string): string => {
  const intro = greetings.find(([re]) => re.test(model.family))?.[1] ?? `I'm ${model.name}, running locally with Ollama.`;
  const topic = prompt.trim().replace(/\s+/g, ' ').slice(0, 80);
  const body = topic === '' ? 'How can I help you today?' : `You asked: "${topic}". On this demo box I answer with a short canned reply, but the timing and token counts are real.`;
  return `${intro} ${body}`;
};

/** Rough token count (~4 characters a token), the same for prompts and replies. */
export const tokenCount = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** Final-chunk statistics of /api/generate and /api/chat, durations in nanoseconds. */
export const generationStats = (state: SimState, promptTokens: number, evalTokens: number, loadMs: number) => {
  const ms = 1_000_000;
  const promptEvalMs = state.tuning.ttftMs;
  const evalMs = evalTokens * state.tuning.tokenDelayMs;
  return {
    total_duration: Math.round((loadMs + promptEvalMs + evalMs) * ms),
    load_duration: Math.round(loadMs * ms),
    prompt_eval_count: promptTokens,
    prompt_eval_duration: Math.round(promptEvalMs * ms),
    eval_count: evalTokens,
    eval_duration: Math.round(evalMs * ms),
  };
};
