/**
 * A user's prompt file, read in the renderer and sent as prompts: one prompt per line, or ShareGPT
 * JSON (a list of { conversations: [{ from: 'human', value }] }, its first human turn each). The
 * limits keep the start request under the browser-mode socket's 32 MiB message cap and inside
 * LoadTestDataset's schema (100,000 prompts of at most 1,000,000 characters).
 */
export const promptFileLimits = {
  /** Bytes of the file: half the socket's 32 MiB message cap, room for JSON escaping. */
  maxBytes: 16 * 1024 * 1024,
  /** LoadTestDataset's own caps. */
  maxPrompts: 100_000,
  maxPromptChars: 1_000_000,
} as const;

export type PromptFileResult =
  | { readonly ok: true; readonly prompts: readonly string[]; readonly format: 'lines' | 'sharegpt'; readonly skipped: number }
  | { readonly ok: false; readonly problem: 'too-big' | 'empty' | 'bad-json' | 'no-human-turns' | 'too-many' };

type Turn = { from?: unknown; role?: unknown; value?: unknown; content?: unknown };

/** A ShareGPT entry's first human turn (`from: human` or `role: user`), or null. */
const firstHumanTurn = (entry: unknown): string | null => {
  if (typeof entry !== 'object' || entry === null) return null;
  const conversations = (entry as { conversations?: unknown; messages?: unknown }).conversations ?? (entry as { messages?: unknown }).messages;
  if (!Array.isArray(conversations)) return null;
  for (const turn of conversations as Turn[]) {
    if (typeof turn !== 'object' || turn === null) continue;
    const who = turn.from ?? turn.role;
    const text = turn.value ?? turn.content;
    if ((who === 'human' || who === 'user') && typeof text === 'string' && text.trim() !== '') return text;
  }
  return null;
};

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text);

/** Parses the file's text; `bytes` is its size as the file picker reported it. */
export const parsePromptFile = (text: string, bytes: number): PromptFileResult => {
  if (bytes > promptFileLimits.maxBytes) return { ok: false, problem: 'too-big' };
  let prompts: string[];
  let format: 'lines' | 'sharegpt';
  if (looksLikeJson(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'bad-json' };
    }
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    prompts = entries.map(firstHumanTurn).filter((p): p is string => p !== null);
    if (prompts.length === 0) return { ok: false, problem: 'no-human-turns' };
    format = 'sharegpt';
  } else {
    prompts = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    format = 'lines';
  }
  if (prompts.length === 0) return { ok: false, problem: 'empty' };
  if (prompts.length > promptFileLimits.maxPrompts) return { ok: false, problem: 'too-many' };
  const kept = prompts.filter((p) => p.length <= promptFileLimits.maxPromptChars);
  if (kept.length === 0) return { ok: false, problem: 'empty' };
  return { ok: true, prompts: kept, format, skipped: prompts.length - kept.length };
};
