/**
 * An OpenAI-compatible streaming response (vLLM, TensorRT-LLM, SGLang, llama.cpp): SSE events
 * `data: <json>` separated by blank lines, ending with `data: [DONE]`. SSE framing is read with
 * eventsource-parser (comments, CRLF, multi-line data handled there); each event's JSON becomes a
 * chunk. The usage chunk (with `stream_options.include_usage`) has `choices: []`.
 */
import { createParser } from 'eventsource-parser';

export interface StreamChunk {
  readonly id: string | null;
  readonly model: string | null;
  readonly object: string | null;
  /** Text this chunk adds (delta.content for chat, text for completions), '' when none. */
  readonly content: string;
  /** Reasoning text (`delta.reasoning_content`, newer `delta.reasoning`). */
  readonly reasoning: string;
  readonly role: string | null;
  readonly finishReason: string | null;
  readonly toolCall: boolean;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number; readonly totalTokens: number } | null;
  /** `choices` was an empty list (the usage chunk). */
  readonly emptyChoices: boolean;
}

export interface SseStream {
  readonly chunks: StreamChunk[];
  readonly done: boolean;
  readonly text: string;
  readonly finishReason: string | null;
  readonly usage: StreamChunk['usage'];
  /** Events that were not JSON (or an error object): kept as sentences, never thrown. */
  readonly issues: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const toChunk = (value: unknown): StreamChunk | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { id?: unknown; model?: unknown; object?: unknown; choices?: unknown; usage?: unknown };
  const choices = Array.isArray(v.choices) ? v.choices : [];
  const first = (choices[0] ?? {}) as { delta?: Record<string, unknown>; text?: unknown; finish_reason?: unknown };
  const delta = first.delta ?? {};
  const u = v.usage as { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown } | null | undefined;
  const usage =
    u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number'
      ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, totalTokens: typeof u.total_tokens === 'number' ? u.total_tokens : u.prompt_tokens + u.completion_tokens }
      : null;
  return {
    id: str(v.id),
    model: str(v.model),
    object: str(v.object),
    content: str(delta['content']) ?? str(first.text) ?? '',
    reasoning: str(delta['reasoning_content']) ?? str(delta['reasoning']) ?? '',
    role: str(delta['role']),
    finishReason: str(first.finish_reason),
    toolCall: Array.isArray(delta['tool_calls']),
    usage,
    emptyChoices: Array.isArray(v.choices) && choices.length === 0,
  };
};

export const parseSseStream = (text: string): SseStream => {
  const chunks: StreamChunk[] = [];
  const issues: string[] = [];
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') {
        done = true;
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(event.data);
      } catch {
        issues.push(`Not JSON: ${event.data.slice(0, 80)}`);
        return;
      }
      const error = (value as { error?: { message?: unknown } | unknown }).error;
      if (error !== undefined) {
        issues.push(typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : JSON.stringify(error));
        return;
      }
      const chunk = toChunk(value);
      if (chunk) chunks.push(chunk);
    },
  });
  parser.feed(text.endsWith('\n\n') ? text : `${text}\n\n`);
  return {
    chunks,
    done,
    text: chunks.map((c) => c.content).join(''),
    finishReason: [...chunks].reverse().find((c) => c.finishReason !== null)?.finishReason ?? null,
    usage: [...chunks].reverse().find((c) => c.usage !== null)?.usage ?? null,
    issues,
  };
};
