/**
 * The body of one load-test request, for /v1/chat/completions or /v1/completions. Streamed
 * requests ask for the usage chunk (`stream_options.include_usage`) so output tokens are counted
 * by the server. A minimum output length is sent as `min_tokens` with `ignore_eos`: vLLM and
 * SGLang accept both; TensorRT-LLM's server takes `min_tokens`; llama.cpp and Ollama ignore or
 * refuse them, so leave min tokens off for those.
 */
import type { LoadTestSettings } from '../domain/loadtest.js';

export const loadTestPaths = { chat: '/v1/chat/completions', completions: '/v1/completions' } as const;

export const loadTestBody = (settings: Pick<LoadTestSettings, 'api' | 'stream' | 'maxTokens' | 'minTokens'>, model: string, prompt: string): Record<string, unknown> => ({
  model,
  ...(settings.api === 'chat' ? { messages: [{ role: 'user', content: prompt }] } : { prompt }),
  max_tokens: settings.maxTokens,
  ...(settings.minTokens !== null ? { min_tokens: settings.minTokens, ignore_eos: true } : {}),
  stream: settings.stream,
  ...(settings.stream ? { stream_options: { include_usage: true } } : {}),
});

/**
 * Output lengths of a random dataset: max = min = the chosen length, so every reply has it
 * (where the server honours min_tokens).
 */
export const effectiveSettings = (settings: LoadTestSettings): LoadTestSettings =>
  settings.dataset.kind === 'random' ? { ...settings, maxTokens: settings.dataset.outputTokens, minTokens: settings.dataset.outputTokens } : settings;
