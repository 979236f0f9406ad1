/**
 * Container logs, kept the way docker's json-file driver keeps them: one JSON object per line
 * with the text, the stream and an RFC3339Nano time. `docker run` writes an engine's whole
 * startup at once with future times (the shim process exits right after), and `docker logs`
 * shows an entry only once the clock has reached it, so a log "grows" while a model loads.
 *
 * Other writers (the simulated model servers) append plain text lines: they are shown in file
 * order, at the time of the entry before them.
 */
import type { LogStore } from '../../io.js';
import { rfc3339Nano } from './go-text.js';

export type LogStream = 'stdout' | 'stderr';

export interface LogEntry {
  readonly time: number;
  readonly stream: LogStream;
  /** One line, without its newline. */
  readonly text: string;
}

const parseTime = (text: string): number | undefined => {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(text);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}Z`);
  return ms + Number((match[2] ?? '').padEnd(3, '0').slice(0, 3));
};

export const appendLog = (logs: LogStore, id: string, entries: readonly LogEntry[]): void => {
  if (entries.length === 0) return;
  logs.append(id, entries.map((e) => `${JSON.stringify({ log: `${e.text}\n`, stream: e.stream, time: rfc3339Nano(e.time) })}\n`).join(''));
};

export const readLog = (logs: LogStore, id: string): LogEntry[] => {
  const entries: LogEntry[] = [];
  let lastTime = 0;
  const text = logs.read(id);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const entry = parseEntry(line);
    if (entry) {
      entries.push(entry);
      lastTime = entry.time;
    } else entries.push({ time: lastTime, stream: 'stdout', text: line });
  }
  return entries;
};

const parseEntry = (line: string): LogEntry | undefined => {
  if (!line.startsWith('{"log":')) return undefined;
  try {
    const raw = JSON.parse(line) as { log?: unknown; stream?: unknown; time?: unknown };
    const time = typeof raw.time === 'string' ? parseTime(raw.time) : undefined;
    if (typeof raw.log !== 'string' || time === undefined) return undefined;
    return { time, stream: raw.stream === 'stderr' ? 'stderr' : 'stdout', text: raw.log.replace(/\n$/, '') };
  } catch {
    return undefined;
  }
};

/** The entries written by `now`: the file up to the first entry still in the future. */
export const visibleEntries = (entries: readonly LogEntry[], now: number): LogEntry[] => {
  const firstFuture = entries.findIndex((e) => e.time > now);
  return firstFuture < 0 ? [...entries] : entries.slice(0, firstFuture);
};

/** A stopped process writes nothing more: drop what was scheduled after `at`. */
export const dropFutureEntries = (logs: LogStore, id: string, at: number): void => {
  const entries = readLog(logs, id);
  const kept = visibleEntries(entries, at);
  if (kept.length === entries.length) return;
  logs.remove(id);
  appendLog(logs, id, kept);
};
