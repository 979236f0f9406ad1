/**
 * The Playground's request, built once and shown three ways: the body main sends, and the same
 * call as curl, Python (OpenAI SDK) and JavaScript (fetch) against the laptop URL of the tunnel —
 * the exact command behind the Send button.
 */
import type { ChatMessage } from '../domain/playground.js';
import { sh } from '../remote/quote.js';

export interface ChatRequestInput {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly system?: string | undefined;
  readonly maxTokens: number;
  readonly temperature: number;
}

export interface ChatRequestBody {
  readonly model: string;
  readonly messages: ReadonlyArray<{ readonly role: 'system' | ChatMessage['role']; readonly content: string }>;
  readonly max_tokens: number;
  readonly temperature: number;
  readonly stream: true;
  /** Asks for the usage chunk (vLLM, TRT-LLM, SGLang, llama.cpp, Ollama ≥ 0.5): exact token counts. */
  readonly stream_options: { readonly include_usage: true };
}

export const chatRequestBody = (input: ChatRequestInput): ChatRequestBody => ({
  model: input.model,
  messages: [...(input.system?.trim() ? [{ role: 'system' as const, content: input.system }] : []), ...input.messages.map((m) => ({ role: m.role, content: m.content }))],
  max_tokens: input.maxTokens,
  temperature: input.temperature,
  stream: true,
  stream_options: { include_usage: true },
});

export const chatPath = '/v1/chat/completions';

/** The laptop URL of the tunnel to a server: http://127.0.0.1:<localPort>. */
export const laptopBaseUrl = (localPort: number): string => `http://127.0.0.1:${localPort}`;

const pretty = (body: ChatRequestBody): string => JSON.stringify(body, null, 2);

/** curl for a POSIX shell; -N shows tokens as they come. The body is one quoted word, whatever the prompt holds. */
export const curlCommand = (baseUrl: string, body: ChatRequestBody): string =>
  sh`curl -N ${`${baseUrl}${chatPath}`} -H 'Content-Type: application/json' -d ${pretty(body)}`;

/** A JSON value as a Python literal (true/false/null differ; strings in JSON form are valid Python). */
const pythonLiteral = (value: unknown, indent = ''): string => {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}    `;
    return `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)}`).join(',\n')},\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const inner = `${indent}    `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonLiteral(v, inner)}`).join(',\n')},\n${indent}}`;
  }
  return JSON.stringify(value);
};

/** The OpenAI Python SDK pointed at the tunnel (the servers accept any key unless started with one). */
export const pythonSnippet = (baseUrl: string, body: ChatRequestBody): string => {
  const { model, messages, max_tokens, temperature } = body;
  return [
    'from openai import OpenAI',
    '',
    `client = OpenAI(base_url=${JSON.stringify(`${baseUrl}/v1`)}, api_key="EMPTY")`,
    'stream = client.chat.completions.create(',
    `    model=${JSON.stringify(model)},`,
    `    messages=${pythonLiteral(messages, '    ')},`,
    `    max_tokens=${max_tokens},`,
    `    temperature=${temperature},`,
    '    stream=True,',
    '    stream_options={"include_usage": True},',
    ')',
    'for chunk in stream:',
    '    if chunk.choices and chunk.choices[0].delta.content:',
    '        print(chunk.choices[0].delta.content, end="", flush=True)',
    '',
  ].join('\n');
};

/** fetch in Node 18+ (an ES module, for top-level await), printing the streamed text. */
export const javascriptSnippet = (baseUrl: string, body: ChatRequestBody): string =>
  [
    `const response = await fetch(${JSON.stringify(`${baseUrl}${chatPath}`)}, {`,
    "  method: 'POST',",
    "  headers: { 'Content-Type': 'application/json' },",
    `  body: JSON.stringify(${JSON.stringify(body, null, 2).replace(/\n/g, '\n  ')}),`,
    '});',
    'const decoder = new TextDecoder();',
    "let buffer = '';",
    'for await (const bytes of response.body) {',
    '  buffer += decoder.decode(bytes, { stream: true });',
    "  const events = buffer.split('\\n\\n');",
    '  buffer = events.pop();',
    '  for (const event of events) {',
    "    const data = event.replace(/^data: /, '');",
    "    if (data === '[DONE]') continue;",
    '    const chunk = JSON.parse(data);',
    "    process.stdout.write(chunk.choices[0]?.delta?.content ?? '');",
    '  }',
    '}',
    '',
  ].join('\n');
