/**
 * Ollama's OpenAI-compatible shapes (/v1/models, /v1/chat/completions). No capture exists
 * (formats/ollama-cli-and-api.txt records only the native API): SYNTH, written from the shapes
 * of ollama's openai/openai.go (ChatCompletion, ChatCompletionChunk, ListCompletion, NewError) and
 * middleware/openai.go (ChatMiddleware: `chatcmpl-<0..998>` ids, stream off unless asked, one
 * `data: {chunk}` per native chunk with role "assistant" on each, the done chunk with empty
 * content and the finish reason, with stream_options.include_usage a last chunk with
 * `choices: []` and the usage, then `data: [DONE]`).
 */
import type { SimOllamaModel } from '../state.js';

/** Go's `model.ParseName(name).Namespace`: `library` for a bare name, the path's middle part otherwise (`hf.co/bartowski/x` → `bartowski`). */
const namespaceOf = (name: string): string => {
  const parts = name.split(':')[0]!.split('/');
  return parts.length >= 2 ? parts[parts.length - 2]! : 'library';
};

/** GET /v1/models. Go marshals an empty (nil) list as null. */
export const openAiModelList = (models: readonly SimOllamaModel[]) => ({
  object: 'list',
  data: models.length === 0 ? null : models.map((m) => ({ id: m.name, object: 'model', created: Math.floor(m.modifiedAt / 1000), owned_by: namespaceOf(m.name) })),
});

/** openai.NewError: the type follows the status. */
export const openAiError = (status: number, message: string) => ({
  error: { message, type: status === 400 ? 'invalid_request_error' : status === 404 ? 'not_found_error' : 'api_error', param: null, code: null },
});

export interface OpenAiChatRequest {
  readonly model: string;
  readonly prompt: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  /** max_tokens → options.num_predict. */
  readonly maxTokens: number | undefined;
}

type Parsed = { readonly ok: true; readonly request: OpenAiChatRequest } | { readonly ok: false; readonly message: string };

const contentText = (content: unknown): string | undefined => {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.map((part: unknown) => (typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'text' ? (part as { text?: unknown }).text : undefined));
  return texts.every((t) => typeof t === 'string') ? texts.join('\n') : undefined;
};

/** The request as ChatMiddleware binds it; the errors are its 400s. */
export const parseOpenAiChat = (body: Record<string, unknown>): Parsed => {
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) return { ok: false, message: "[] is too short - 'messages'" };
  const texts: string[] = [];
  for (const message of messages) {
    const content = typeof message === 'object' && message !== null ? contentText((message as { content?: unknown }).content) : undefined;
    if (content === undefined) return { ok: false, message: 'invalid message format' };
    texts.push(content);
  }
  const options = body['stream_options'];
  const maxTokens = body['max_tokens'];
  return {
    ok: true,
    request: {
      model: typeof body['model'] === 'string' ? body['model'] : '',
      prompt: texts.join('\n'),
      stream: body['stream'] === true,
      includeUsage: typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true,
      maxTokens: typeof maxTokens === 'number' && maxTokens > 0 ? maxTokens : undefined,
    },
  };
};

export interface ChatIdentity {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

/** middleware/openai.go: `fmt.Sprintf("chatcmpl-%d", rand.Intn(999))`, created when the request arrived. */
export const chatIdentity = (model: string, nowMs: number): ChatIdentity => ({ id: `chatcmpl-${Math.floor(Math.random() * 999)}`, created: Math.floor(nowMs / 1000), model });

export const usageOf = (promptTokens: number, completionTokens: number) => ({ prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens });

/** One `chat.completion.chunk`; `finishReason` only on the done chunk. */
export const chatChunk = (who: ChatIdentity, content: string, finishReason: string | null) => ({
  id: who.id,
  object: 'chat.completion.chunk',
  created: who.created,
  model: who.model,
  system_fingerprint: 'fp_ollama',
  choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: finishReason }],
});

/** The include_usage chunk: the done chunk with its choices emptied and the usage added. */
export const usageChunk = (who: ChatIdentity, promptTokens: number, completionTokens: number) => ({ ...chatChunk(who, '', null), choices: [], usage: usageOf(promptTokens, completionTokens) });

/** A whole `chat.completion` (stream off). */
export const chatCompletion = (who: ChatIdentity, content: string, finishReason: string, promptTokens: number, completionTokens: number) => ({
  id: who.id,
  object: 'chat.completion',
  created: who.created,
  model: who.model,
  system_fingerprint: 'fp_ollama',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
  usage: usageOf(promptTokens, completionTokens),
});

/** One server-sent event as ChatWriter writes it. */
export const sseData = (payload: unknown): string => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
