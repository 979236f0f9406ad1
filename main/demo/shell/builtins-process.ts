/** sleep, kill and ps over the box's ProcessTable (the background jobs this shell started). */
import { parseDuration } from './dispatch.js';
import { sleep as wait } from './streams.js';
import type { Builtin, CommandContext } from './types.js';
import { lq, nowMs } from './util.js';

const sleep: Builtin = async (ctx) => {
  if (ctx.argv.length === 0) {
    ctx.error("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let seconds = 0;
  for (const word of ctx.argv) {
    const value = word === 'infinity' ? Infinity : parseDuration(word);
    if (value === undefined) {
      ctx.error(`sleep: invalid time interval ${lq(ctx, word)}\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    seconds += value;
  }
  // setTimeout cannot wait longer than ~24.8 days; "infinity" waits in such steps.
  let left = seconds * 1000;
  while (left > 0) {
    const step = Math.min(left, 2 ** 31 - 1);
    if (!(await wait(step, ctx.signal))) return 130;
    left -= step;
  }
  return 0;
};

const signalNames: Readonly<Record<string, 'TERM' | 'INT' | 'KILL' | 0>> = { TERM: 'TERM', SIGTERM: 'TERM', '15': 'TERM', INT: 'INT', SIGINT: 'INT', '2': 'INT', KILL: 'KILL', SIGKILL: 'KILL', '9': 'KILL', HUP: 'TERM', SIGHUP: 'TERM', '1': 'TERM', '0': 0 };

const kill: Builtin = (ctx) => {
  const args = [...ctx.argv];
  let signal: 'TERM' | 'INT' | 'KILL' | 0 = 'TERM';
  const bad = (text: string) => {
    ctx.error(`${ctx.shellPrefix}kill: ${text}\n`);
    return 1;
  };
  if (args[0] === '-l' || args[0] === '-L') {
    ctx.write(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    args.shift();
    const name = args.shift() ?? '';
    const known = signalNames[name.toUpperCase()];
    if (known === undefined) return bad(`${name}: invalid signal specification`);
    signal = known;
  } else if (args[0] !== undefined && /^-[A-Za-z0-9]+$/.test(args[0]) && args[0] !== '--') {
    const name = args.shift()!.slice(1);
    const known = signalNames[name.toUpperCase()];
    if (known === undefined) return bad(`${name}: invalid signal specification`);
    signal = known;
  }
  if (args[0] === '--') args.shift();
  if (args.length === 0) return bad('usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
  let status = 0;
  for (const word of args) {
    // `kill -- -PID` signals the process group setsid made: here, the job itself.
    if (!/^-?\d+$/.test(word)) {
      status = bad(`${word}: arguments must be process or job IDs`);
      continue;
    }
    if (!ctx.host.processes.kill(Math.abs(Number(word)), signal)) status = bad(`(${word}) - No such process`);
  }
  return status;
};

/** ps column widths and alignment, as procps-ng 4 prints them. */
const columns: Readonly<Record<string, { header: string; width: number; right: boolean }>> = {
  pid: { header: 'PID', width: 7, right: true },
  ppid: { header: 'PPID', width: 7, right: true },
  pgid: { header: 'PGID', width: 7, right: true },
  sid: { header: 'SID', width: 7, right: true },
  etime: { header: 'ELAPSED', width: 11, right: true },
  etimes: { header: 'ELAPSED', width: 7, right: true },
  user: { header: 'USER', width: 8, right: false },
  uid: { header: 'UID', width: 5, right: true },
  stat: { header: 'STAT', width: 4, right: false },
  '%cpu': { header: '%CPU', width: 4, right: true },
  '%mem': { header: '%MEM', width: 4, right: true },
  rss: { header: 'RSS', width: 5, right: true },
  vsz: { header: 'VSZ', width: 6, right: true },
  tty: { header: 'TTY', width: 8, right: false },
  time: { header: 'TIME', width: 8, right: true },
  lstart: { header: 'STARTED', width: 24, right: false },
  comm: { header: 'COMMAND', width: 15, right: false },
  args: { header: 'COMMAND', width: 0, right: false },
};
const aliases: Readonly<Record<string, string>> = { cmd: 'args', command: 'args', ucomm: 'comm', pcpu: '%cpu', pmem: '%mem', uname: 'user', euser: 'user', sess: 'sid', cputime: 'time' };

/** [[DD-]HH:]MM:SS */
export const elapsed = (seconds: number): string => {
  const s = Math.max(0, Math.floor(seconds));
  const dd = Math.floor(s / 86_400);
  const hh = Math.floor((s % 86_400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${dd > 0 ? `${dd}-` : ''}${dd > 0 || hh > 0 ? `${two(hh)}:` : ''}${two(mm)}:${two(s % 60)}`;
};

interface Row {
  readonly pid: number;
  readonly command: string;
  readonly startedAt: number;
}

const field = (ctx: CommandContext, name: string, row: Row, now: number): string => {
  const age = (now - row.startedAt) / 1000;
  switch (name) {
    case 'pid':
    case 'pgid':
    case 'sid':
      return String(row.pid);
    case 'ppid':
      return row.pid === 1 ? '0' : '1';
    case 'etime':
      return elapsed(age);
    case 'etimes':
      return String(Math.floor(age));
    case 'user':
      return row.pid === 1 ? 'root' : ctx.host.user;
    case 'uid':
      return row.pid === 1 ? '0' : '1000';
    case 'stat':
      return 'Ss';
    case '%cpu':
    case '%mem':
      return '0.0';
    case 'rss':
      return '4096';
    case 'vsz':
      return '8192';
    case 'tty':
      return '?';
    case 'time':
      return '00:00:00';
    case 'lstart':
      return new Date(row.startedAt).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_, d: string, day: string, mon: string, year: string, time: string) => `${d} ${mon} ${day.padStart(2)} ${time} ${year}`);
    case 'comm':
      return (row.command.split(' ')[0] ?? '').split('/').pop()!.slice(0, 15);
    default:
      return row.command;
  }
};

const ps: Builtin = (ctx) => {
  const args = [...ctx.argv];
  const formats: Array<{ name: string; header: string }> = [];
  let pids: number[] | undefined;
  let headers = true;
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    const value = () => args[++i] ?? '';
    if (word === '-o' || word === '--format' || /^-[a-zA-Z]*o$/.test(word) || word.startsWith('-o')) {
      const spec = word === '-o' || word === '--format' || word.endsWith('o') ? value() : word.slice(2);
      for (const part of spec.split(/,(?=[a-zA-Z%])/)) {
        const eq = part.indexOf('=');
        const raw = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
        const name = aliases[raw] ?? raw;
        const column = columns[name];
        if (!column) {
          ctx.error(`error: unknown user-defined format specifier "${raw}"\n\nUsage:\n ps [options]\n`);
          return 1;
        }
        formats.push({ name, header: eq < 0 ? column.header : part.slice(eq + 1) });
      }
    } else if (word === '-p' || word === '--pid' || word === 'p' || word === '-q') pids = value().split(/[,\s]+/).filter(Boolean).map(Number);
    else if (/^-p\d/.test(word)) pids = word.slice(2).split(',').map(Number);
    else if (word === '--no-headers' || word === '--no-heading' || word === 'h') headers = false;
    else if (word === 'aux' || word === '-ef' || word === '-aux') formats.push(...['user', 'pid', '%cpu', '%mem', 'vsz', 'rss', 'tty', 'stat', 'lstart', 'time', 'args'].filter((f) => f !== 'lstart').map((name) => ({ name, header: columns[name]!.header })));
  }
  if (formats.length === 0) formats.push(...['pid', 'tty', 'time', 'comm'].map((name) => ({ name, header: name === 'comm' ? 'CMD' : columns[name]!.header })));
  const now = nowMs(ctx);
  const rows: Row[] = [{ pid: 1, command: '/sbin/init', startedAt: now - 3_600_000 }, ...ctx.host.processes.list()].filter((row) => pids === undefined || pids.includes(row.pid));
  const cell = (format: { name: string }, text: string, last: boolean) => {
    const column = columns[format.name]!;
    if (last && !column.right) return text;
    return column.right ? text.padStart(column.width) : text.padEnd(column.width);
  };
  const lines: string[] = [];
  if (headers && formats.some((f) => f.header !== '')) lines.push(formats.map((f, i) => cell(f, f.header, i === formats.length - 1)).join(' '));
  for (const row of rows) lines.push(formats.map((f, i) => cell(f, field(ctx, f.name, row, now), i === formats.length - 1)).join(' '));
  if (lines.length > 0) ctx.write(`${lines.map((l) => l.trimEnd()).join('\n')}\n`);
  return rows.length > 0 ? 0 : 1;
};

export const processBuiltins: Record<string, Builtin> = { sleep, kill, ps };
