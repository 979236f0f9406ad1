/**
 * Checks an Alpaca or ShareGPT dataset file (JSON array or JSONL) the way LLaMA Factory reads it
 * (data/converter.py): problems with the line they are on (JSONL: the record's line; JSON: the line
 * its record starts on, or where parsing stopped), counts, a preview and approximate token lengths.
 */
import type { DatasetCheck, DatasetFormat, DatasetPreviewRecord, DatasetProblem } from '../../domain/finetune.js';
import { approximateTokens, tokenHistogram } from './tokens.js';

export const datasetCheckLimits = { problems: 200, preview: 5 } as const;

type Json = unknown;
interface Located {
  readonly value: Json;
  readonly line: number;
}

const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
};

/** Where JSON.parse stopped, as a line (V8: "… at position N (line L column C)"). */
const errorLine = (text: string, error: unknown): number => {
  const message = (error as Error).message;
  const byLine = /\(line (\d+) column \d+\)/.exec(message);
  if (byLine) return Number(byLine[1]);
  const position = /at position (\d+)/.exec(message);
  return position ? lineAt(text, Number(position[1])) : lineAt(text, text.length);
};

const parseMessage = (error: unknown): string => (error as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');

/** The start offset of each element of a top-level JSON array (text already known to parse). */
const elementStarts = (text: string): number[] => {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(c) && c !== ']') {
      starts.push(i);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return starts;
};

type Parsed = { readonly records: Located[]; readonly fatal: DatasetProblem | null; readonly lineProblems: DatasetProblem[] };

const parseJsonl = (text: string): Parsed => {
  const records: Located[] = [];
  const lineProblems: DatasetProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    try {
      records.push({ value: JSON.parse(line) as Json, line: i + 1 });
    } catch (error) {
      lineProblems.push({ line: i + 1, record: records.length + lineProblems.length, severity: 'error', message: `Line ${i + 1} is not JSON: ${parseMessage(error)}` });
    }
  });
  return { records, fatal: null, lineProblems };
};

const parseJsonArray = (text: string): Parsed => {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (error) {
    const line = errorLine(text, error);
    return { records: [], fatal: { line, record: null, severity: 'error', message: `The file is not valid JSON (line ${line}): ${parseMessage(error)}` }, lineProblems: [] };
  }
  if (!Array.isArray(value)) return { records: [], fatal: { line: 1, record: null, severity: 'error', message: 'The file is JSON but not a list of records ([ {…}, {…} ]).' }, lineProblems: [] };
  const starts = elementStarts(text);
  return { records: value.map((v, i) => ({ value: v as Json, line: lineAt(text, starts[i] ?? 0) })), fatal: null, lineProblems: [] };
};

const isObject = (v: Json): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const detectFormat = (records: readonly Located[]): DatasetFormat | null => {
  for (const { value } of records.slice(0, 50)) {
    if (!isObject(value)) continue;
    if (Array.isArray(value['conversations']) || Array.isArray(value['messages'])) return 'sharegpt';
    if ('instruction' in value || 'output' in value) return 'alpaca';
  }
  return null;
};

interface RecordCheck {
  readonly problems: Array<Omit<DatasetProblem, 'line' | 'record'>>;
  readonly empty: number;
  readonly preview: Omit<DatasetPreviewRecord, 'record' | 'line'> | null;
  readonly text: string;
}

const alpacaRecord = (v: Record<string, unknown>): RecordCheck => {
  const problems: RecordCheck['problems'] = [];
  let empty = 0;
  for (const key of ['instruction', 'input', 'output', 'system'] as const) {
    if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'string') problems.push({ severity: 'error', message: `"${key}" is not text.` });
  }
  const s = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : '');
  if (!('instruction' in v)) problems.push({ severity: 'error', message: 'The "instruction" column is missing.' });
  if (!('output' in v)) problems.push({ severity: 'error', message: 'The "output" column is missing.' });
  if ('instruction' in v && s('instruction').trim() === '' && s('input').trim() === '') {
    empty += 1;
    problems.push({ severity: 'error', message: '"instruction" and "input" are both empty: there is no prompt.' });
  }
  if ('output' in v && s('output').trim() === '') {
    empty += 1;
    problems.push({ severity: 'error', message: '"output" is empty.' });
  }
  const prompt = [s('instruction'), s('input')].filter((t) => t !== '').join('\n');
  return {
    problems,
    empty,
    preview: { system: s('system') || null, turns: [{ role: 'user', text: prompt }, { role: 'assistant', text: s('output') }] },
    text: `${s('system')}${prompt}${s('output')}`,
  };
};

const roleOf = (tag: string): DatasetPreviewRecord['turns'][number]['role'] | 'system' | null =>
  ({ human: 'user', user: 'user', gpt: 'assistant', assistant: 'assistant', function_call: 'function', observation: 'observation', tool: 'observation', system: 'system' })[tag] as ReturnType<typeof roleOf> ?? null;

const sharegptRecord = (v: Record<string, unknown>): RecordCheck => {
  const problems: RecordCheck['problems'] = [];
  const key = Array.isArray(v['conversations']) ? 'conversations' : Array.isArray(v['messages']) ? 'messages' : null;
  if (key === null) return { problems: [{ severity: 'error', message: 'The "conversations" (or "messages") list is missing.' }], empty: 0, preview: null, text: '' };
  let empty = 0;
  let system = typeof v['system'] === 'string' ? v['system'] : null;
  const turns: DatasetPreviewRecord['turns'] = [];
  let text = system ?? '';
  (v[key] as unknown[]).forEach((turn, i) => {
    if (!isObject(turn)) {
      problems.push({ severity: 'error', message: `Turn ${i + 1} is not an object.` });
      return;
    }
    const tag = typeof turn['from'] === 'string' ? turn['from'] : typeof turn['role'] === 'string' ? turn['role'] : null;
    const content = typeof turn['value'] === 'string' ? turn['value'] : typeof turn['content'] === 'string' ? turn['content'] : null;
    const role = tag === null ? null : roleOf(tag);
    if (role === null) {
      problems.push({ severity: 'error', message: tag === null ? `Turn ${i + 1} has no "from" (or "role").` : `Turn ${i + 1} has an unknown role "${tag}".` });
      return;
    }
    if (content === null) problems.push({ severity: 'error', message: `Turn ${i + 1} has no "value" (or "content") text.` });
    else if (content.trim() === '') {
      empty += 1;
      problems.push({ severity: 'error', message: `Turn ${i + 1} (${tag}) is empty.` });
    }
    if (role === 'system') {
      if (i === 0) system = content ?? '';
      else problems.push({ severity: 'error', message: `Turn ${i + 1} is a system message after the first turn.` });
      text += content ?? '';
      return;
    }
    turns.push({ role, text: content ?? '' });
    text += content ?? '';
  });
  // LLaMA Factory: user/observation at odd positions, assistant/function_call at even; a record that breaks it is dropped.
  turns.forEach((t, i) => {
    const prompting = t.role === 'user' || t.role === 'observation';
    if (i % 2 === 0 ? !prompting : prompting) problems.push({ severity: 'error', message: `Turn ${i + 1} should be ${i % 2 === 0 ? 'a user (or observation)' : 'an assistant (or function call)'} turn: turns must alternate.` });
  });
  if (turns.length > 0 && turns.length % 2 === 1) problems.push({ severity: 'error', message: 'The conversation ends on a user turn: there is no answer to train on.' });
  if (turns.length === 0 && problems.length === 0) problems.push({ severity: 'error', message: 'The conversation is empty.' });
  return { problems, empty, preview: { system, turns }, text };
};

export const checkDataset = (path: string, text: string, cutoffLen?: number): DatasetCheck => {
  const body = text.replace(/^\uFEFF/, '');
  const fileType = /\.jsonl$/i.test(path) || (!/^\s*\[/.test(body) && /^\s*\{/.test(body)) ? 'jsonl' : 'json';
  const parsed = fileType === 'jsonl' ? parseJsonl(body) : parseJsonArray(body);
  const format = detectFormat(parsed.records);
  const problems: DatasetProblem[] = parsed.fatal ? [parsed.fatal] : [...parsed.lineProblems];
  const preview: DatasetPreviewRecord[] = [];
  const lengths: number[] = [];
  let valid = 0;
  let empty = 0;
  if (parsed.records.length > 0 && format === null) problems.push({ line: parsed.records[0]!.line, record: 0, severity: 'error', message: 'Neither Alpaca ("instruction", "output") nor ShareGPT ("conversations") records.' });
  // In JSONL a line that does not parse is a record too: indexes count it.
  const badLines = parsed.lineProblems.map((p) => p.line);
  let bad = 0;
  for (const [index, { value, line }] of (format === null ? [] : parsed.records).entries()) {
    while (bad < badLines.length && badLines[bad]! < line) bad += 1;
    const record = index + bad;
    if (!isObject(value)) {
      problems.push({ line, record, severity: 'error', message: 'The record is not an object ({…}).' });
      continue;
    }
    const result = format === 'alpaca' ? alpacaRecord(value) : sharegptRecord(value);
    for (const p of result.problems) problems.push({ ...p, line, record });
    empty += result.empty;
    if (!result.problems.some((p) => p.severity === 'error')) {
      valid += 1;
      lengths.push(approximateTokens(result.text));
    }
    if (result.preview && preview.length < datasetCheckLimits.preview) preview.push({ ...result.preview, record, line });
  }
  problems.sort((a, b) => a.line - b.line);
  const records = parsed.records.length + parsed.lineProblems.length;
  return {
    path,
    fileType,
    format,
    columns: columnsFor(format, parsed.records),
    tags: format === 'sharegpt' ? tagsFor(parsed.records) : null,
    records,
    validRecords: valid,
    emptyFields: empty,
    problems: problems.slice(0, datasetCheckLimits.problems),
    problemCount: problems.length,
    preview,
    tokens: lengths.length > 0 ? tokenHistogram(lengths, cutoffLen) : null,
    ok: parsed.fatal === null && format !== null && valid > 0,
  };
};

/** The dataset_info.json `columns` that name this file's fields (LLaMA Factory's defaults spelled out). */
const columnsFor = (format: DatasetFormat | null, records: readonly Located[]): Record<string, string> => {
  const keys = new Set(records.slice(0, 50).flatMap((r) => (isObject(r.value) ? Object.keys(r.value) : [])));
  if (format === 'alpaca') {
    const columns: Record<string, string> = { prompt: 'instruction', query: 'input', response: 'output' };
    if (keys.has('system')) columns['system'] = 'system';
    if (keys.has('history')) columns['history'] = 'history';
    return columns;
  }
  if (format === 'sharegpt') {
    const columns: Record<string, string> = { messages: keys.has('conversations') ? 'conversations' : 'messages' };
    if (keys.has('system')) columns['system'] = 'system';
    if (keys.has('tools')) columns['tools'] = 'tools';
    return columns;
  }
  return {};
};

/** OpenAI-style turns (role/content, user/assistant) need `tags`; the from/value/human/gpt defaults need none. */
const tagsFor = (records: readonly Located[]): Record<string, string> | null => {
  for (const { value } of records.slice(0, 50)) {
    if (!isObject(value)) continue;
    const turns = (value['conversations'] ?? value['messages']) as unknown;
    const first = Array.isArray(turns) ? (turns.find(isObject) as Record<string, unknown> | undefined) : undefined;
    if (first && 'role' in first) return { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant', system_tag: 'system' };
    if (first) return null;
  }
  return null;
};
