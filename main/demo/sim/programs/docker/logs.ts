/**
 * `docker logs [-f] [-n/--tail N] [-t] [--since T] [--until T] CONTAINER`: the container's
 * stdout entries on stdout and stderr entries on stderr, as far as the clock has reached them;
 * with -f, new entries as they come until the container stops or the command is interrupted.
 */
import { type FlagSpec, parseFlags } from './cli-flags.js';
import { type LogEntry, readLog, visibleEntries } from './container-log.js';
import type { DockerCtx } from './context.js';
import { followLog } from './follow.js';
import { rfc3339NanoFixed } from './go-text.js';
import { findContainer } from './lookup.js';
import { settle } from './stop.js';
import { flagError, noSuchContainer, requiresExactly, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'follow', short: 'f', kind: 'bool' },
  { long: 'timestamps', short: 't', kind: 'bool' },
  { long: 'tail', short: 'n', kind: 'value' },
  { long: 'since', kind: 'value' },
  { long: 'until', kind: 'value' },
  { long: 'details', kind: 'bool' },
];

const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * --since/--until: a Go duration back from now (`10m`, `1h30m`), an RFC 3339 time, or Unix
 * seconds (`1732525200.5`).
 */
export const parseTimeArg = (text: string, now: number): number | undefined => {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const duration = /^((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h))+$/.test(text) ? [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)] : undefined;
  if (duration) return now - duration.reduce((sum, m) => sum + Number(m[1]) * unitMs[m[2]!]!, 0);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
};

export const logsCommand = async (ctx: DockerCtx, argv: readonly string[], commandPath = 'docker logs'): Promise<number> => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.logs, commandPath)}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  if (args.length !== 1) {
    io.error(`${requiresExactly(commandPath, 1, usages.logs)}\n`);
    return 1;
  }
  settle(ctx);
  const now = io.now();
  const container = findContainer(io.read(), args[0]!);
  if (!container) {
    io.error(`${noSuchContainer(args[0]!)}\n`);
    return 1;
  }
  const sinceText = flags.value('since');
  const untilText = flags.value('until');
  const since = sinceText === undefined ? undefined : parseTimeArg(sinceText, now);
  const until = untilText === undefined ? undefined : parseTimeArg(untilText, now);
  if ((sinceText !== undefined && since === undefined) || (untilText !== undefined && until === undefined)) {
    io.error(`invalid value for "${since === undefined ? 'since' : 'until'}": failed to parse value as time or duration: "${since === undefined ? sinceText : untilText}"\n`);
    return 1;
  }
  const timestamps = flags.bool('timestamps');
  const accept = (e: LogEntry) => (since === undefined || e.time >= since) && (until === undefined || e.time <= until);
  const print = (e: LogEntry) => {
    if (!accept(e)) return;
    const text = `${timestamps ? `${rfc3339NanoFixed(e.time)} ` : ''}${e.text}\n`;
    if (e.stream === 'stderr') io.error(text);
    else io.write(text);
  };

  const entries = visibleEntries(readLog(io.logs, container.id), now);
  const tailText = flags.value('tail') ?? 'all';
  const tail = tailText === 'all' ? Infinity : Number(tailText);
  const selected = entries.filter(accept);
  const shown = Number.isFinite(tail) && tail >= 0 ? selected.slice(Math.max(0, selected.length - tail)) : selected;
  for (const entry of shown) print(entry);
  if (!flags.bool('follow')) return 0;
  const end = await followLog(ctx, container.id, entries.length, print);
  return end.kind === 'interrupted' ? 130 : 0;
};
