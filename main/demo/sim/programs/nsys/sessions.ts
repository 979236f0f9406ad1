/**
 * Interactive sessions: `nsys launch --session-new=NAME APP…` starts the app under the
 * profiler (it keeps running; a server stays up), `nsys start --session=NAME` begins a
 * collection, `nsys stop` ends it and writes the report (size ∝ seconds collected),
 * `nsys cancel` discards it, `nsys shutdown` ends the session and the launched app, and
 * `nsys sessions list` shows what is live. Sessions live in the box state, so each command can
 * be a separate process, as on a real box.
 */
import { exitWith } from '../downloads/args.js';
import type { SimIO } from '../../io.js';
import type { SimNsysSession } from '../../state.js';
import { parseCollection } from './collection.js';
import { cpuWarnings, fileExistsError, gpuMetricsLine } from './console.js';
import { parseNsysOptions, usageLine } from './options.js';
import { profileTiming, takePid } from './profile.js';
import type { ReportHeader } from './report-file.js';
import { generateReport, resolveOutput } from './report-output.js';
import { runTarget, servesMoe, workloadOf, type ProgramLookup } from './target.js';

/** Drops the sessions of containers that no longer run (their nsys went with them). */
export const pruneContainerSessions = (io: SimIO): void => {
  const state = io.read();
  const live = (x: SimNsysSession) => x.containerId === undefined || state.containers.some((c) => c.id === x.containerId && c.state === 'running');
  if (state.nsysSessions.every(live)) return;
  io.update((s) => {
    s.nsysSessions = s.nsysSessions.filter(live);
  });
};

type Found = { readonly session: SimNsysSession } | { readonly error: string };

// SYNTH: nsys's session errors were not captured; these say what went wrong in its tone.
const findSession = (io: SimIO, name: string | undefined, want?: (s: SimNsysSession) => boolean): Found => {
  const sessions = io.read().nsysSessions;
  if (name !== undefined) {
    const session = sessions.find((s) => s.name === name || String(s.pid) === name);
    return session ? { session } : { error: `Session '${name}' was not found. Use 'nsys sessions list' to see the active sessions.\n` };
  }
  const candidates = want ? sessions.filter(want) : sessions;
  if (candidates.length === 1) return { session: candidates[0]! };
  return { error: candidates.length === 0 ? 'No active session was found.\n' : 'More than one session is active; choose one with --session.\n' };
};

const removeSession = (io: SimIO, name: string) =>
  io.update((s) => {
    s.nsysSessions = s.nsysSessions.filter((x) => x.name !== name);
  });

export const nsysLaunch = async (io: SimIO, argv: readonly string[], lookup: ProgramLookup): Promise<number> => {
  const parsed = parseNsysOptions(argv, true);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('launch')}`, 1);
  const { values, command } = parsed.options;
  const request = parseCollection(values);
  if (!request.ok) return exitWith(io, request.stderr, request.code, request.stdout);
  if (command.length === 0) return exitWith(io, `No application was specified.${usageLine('launch')}`, 1);
  const pid = takePid(io);
  const name = values.get('--session-new') ?? `profile-${pid}`;
  const taken = io.update((s, now) => {
    if (s.nsysSessions.some((x) => x.name === name)) return true;
    s.nsysSessions.push({ name, launchedCommand: command.join(' '), createdAt: now, collecting: false, collectionStartedAt: undefined, output: undefined, pid, kind: 'launch', collection: request.collection });
    return false;
  });
  if (taken) return exitWith(io, `Session name '${name}' is already in use.\n`, 1);
  const ended = new AbortController();
  let finished = false;
  const app = runTarget(io, command, AbortSignal.any([io.signal, ended.signal]), lookup).finally(() => {
    finished = true;
  });
  let shutDown = false;
  while (!finished) {
    if (!(await io.sleep(profileTiming.pollMs))) break;
    shutDown = !io.read().nsysSessions.some((s) => s.name === name);
    if (shutDown) break;
  }
  ended.abort();
  const code = await app;
  // The session ends when the process tree it launched exits.
  removeSession(io, name);
  // An app ended by `nsys shutdown` counts as a normal end of the session.
  return io.signal.aborted ? 130 : shutDown ? 0 : code;
};

export const nsysStart = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const parsed = parseNsysOptions(argv, false);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('start')}`, 1);
  const { values } = parsed.options;
  const wanted = values.get('--session');
  let found = findSession(io, wanted, (s) => !s.collecting);
  if ('error' in found && wanted === undefined && io.read().nsysSessions.length === 0) {
    // A start with no launched app opens a session of its own (system-wide collection).
    const pid = takePid(io);
    io.update((s, now) => {
      s.nsysSessions.push({ name: `profile-${pid}`, launchedCommand: '', createdAt: now, collecting: false, collectionStartedAt: undefined, output: undefined, pid, kind: 'launch' });
    });
    found = findSession(io, `profile-${pid}`);
  }
  if ('error' in found) return exitWith(io, found.error, 1);
  const session = found.session;
  if (session.collecting) return exitWith(io, `A collection is already in progress in session '${session.name}'.\n`, 1);
  const request = parseCollection(values, session.collection);
  if (!request.ok) return exitWith(io, request.stderr, request.code, request.stdout);
  const output = resolveOutput(io, values.get('--output'), session.pid);
  if (io.fs.exists(output) && values.get('--force-overwrite') !== 'true') return exitWith(io, fileExistsError(output), 1);
  io.error(cpuWarnings(io, request.collection.sample, request.cpuctxsw));
  if (request.gpuMetrics) io.write(gpuMetricsLine);
  io.update((s, now) => {
    const target = s.nsysSessions.find((x) => x.name === session.name);
    if (!target) return;
    target.collecting = true;
    target.collectionStartedAt = now;
    target.output = output;
    target.collection = request.collection;
  });
  return 0;
};

export const nsysStop = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const parsed = parseNsysOptions(argv, false);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('stop')}`, 1);
  const found = findSession(io, parsed.options.values.get('--session'), (s) => s.collecting);
  if ('error' in found) return exitWith(io, found.error, 1);
  const session = found.session;
  if (!session.collecting) return exitWith(io, `No collection is in progress in session '${session.name}'.\n`, 1);
  const now = io.now();
  io.update((s) => {
    const target = s.nsysSessions.find((x) => x.name === session.name);
    if (target) {
      target.collecting = false;
      target.collectionStartedAt = undefined;
    }
  });
  const command = session.launchedCommand === '' ? [] : session.launchedCommand.split(' ');
  const collection = session.collection;
  const state = io.read();
  const header: ReportHeader = {
    nsysVersion: state.box.nsysVersion,
    command: session.launchedCommand,
    workload: workloadOf(command),
    moe: servesMoe(command),
    traces: collection?.traces ?? ['cuda', 'nvtx', 'osrt', 'opengl'],
    sample: collection?.sample ?? 'process-tree',
    gpuMetrics: (collection?.gpuMetricsDevices ?? 'none') !== 'none',
    seconds: Math.max(0, (now - (session.collectionStartedAt ?? now)) / 1000),
    createdAt: now,
    hostname: state.box.hostname,
  };
  return generateReport(io, session.output ?? resolveOutput(io, undefined, session.pid), header, collection?.stats ?? false);
};

export const nsysCancel = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const parsed = parseNsysOptions(argv, false);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('cancel')}`, 1);
  const found = findSession(io, parsed.options.values.get('--session'), (s) => s.collecting);
  if ('error' in found) return exitWith(io, found.error, 1);
  io.update((s) => {
    const target = s.nsysSessions.find((x) => x.name === found.session.name);
    if (target) {
      target.collecting = false;
      target.collectionStartedAt = undefined;
    }
  });
  return 0;
};

export const nsysShutdown = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const parsed = parseNsysOptions(argv, false);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('shutdown')}`, 1);
  const found = findSession(io, parsed.options.values.get('--session'));
  if ('error' in found) return exitWith(io, found.error, 1);
  // The launch/profile process sees its session gone and ends the app it launched.
  removeSession(io, found.session.name);
  return 0;
};

const clock = (ms: number): string => {
  const s = Math.max(0, Math.floor(ms / 1000));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
};

/**
 * `nsys sessions list`. The real column layout was never captured (README §10): this one is
 * designed — ID, TIME since the session began, STATE, LAUNCH (launched processes), NAME — and
 * the parser (src/remote/parsers/nsys-sessions.ts) only relies on the NAME column and
 * `profile-<id>` names, like the scripts that grep `profile-[0-9A-Za-z]+`.
 */
export const nsysSessionsList = (io: SimIO, argv: readonly string[]): number => {
  if (argv[0] !== 'list') return exitWith(io, `nsys sessions: unknown command '${argv[0] ?? ''}'.${usageLine('sessions list')}`, 1);
  const now = io.now();
  // nsys keeps its sessions per system: a container lists its own, the box those started on it.
  const rows = io.read().nsysSessions.filter((s) => s.containerId === io.container).map((s) => [String(s.pid), clock(now - s.createdAt), s.collecting ? 'Collection' : s.launchedCommand === '' ? 'Created' : 'Launched', s.launchedCommand === '' ? '0' : '1', s.name]);
  const header = ['ID', 'TIME', 'STATE', 'LAUNCH', 'NAME'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => ` ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`;
  io.write(line(header) + rows.map(line).join(''));
  return 0;
};
