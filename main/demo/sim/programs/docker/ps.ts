/**
 * `docker ps` / `docker container ls`: -a, -q, --no-trunc, -n/-l, -s, --filter (label=K[=V],
 * name=, status=, id=, ancestor=, exited=) and --format (table, json, Go templates). Newest
 * first; without -a only running containers, unless a status filter asks for others (the daemon
 * turns -a on for status filters).
 */
import type { SimContainer, SimState } from '../../state.js';
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { psHeaders, psRow } from './container-view.js';
import { formatList } from './list-format.js';
import { findImage } from './lookup.js';
import { settle } from './stop.js';
import { flagError, fromDaemon, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'all', short: 'a', kind: 'bool' },
  { long: 'quiet', short: 'q', kind: 'bool' },
  { long: 'no-trunc', kind: 'bool' },
  { long: 'size', short: 's', kind: 'bool' },
  { long: 'latest', short: 'l', kind: 'bool' },
  { long: 'last', short: 'n', kind: 'value' },
  { long: 'filter', short: 'f', kind: 'list' },
  { long: 'format', kind: 'value' },
];

const validStates = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const acceptedFilters = new Set(['label', 'name', 'status', 'id', 'ancestor', 'exited', 'network', 'before', 'since', 'volume', 'health', 'publish', 'expose', 'is-task', 'isolation']);

type Filters = Map<string, string[]>;

/** The daemon's filters.Args.Match: each value is a regular expression tried against the field. */
const matches = (filters: Filters, key: string, value: string): boolean => {
  const wanted = filters.get(key);
  if (!wanted) return true;
  return wanted.some((pattern) => {
    try {
      return new RegExp(pattern).test(value);
    } catch {
      return pattern === value;
    }
  });
};

/** MatchKVList: every label filter must hold (`k` present, or `k=v` equal). */
const labelsMatch = (filters: Filters, labels: Readonly<Record<string, string>>): boolean =>
  (filters.get('label') ?? []).every((f) => {
    const eq = f.indexOf('=');
    if (eq < 0) return Object.hasOwn(labels, f);
    const key = f.slice(0, eq);
    return Object.hasOwn(labels, key) && labels[key] === f.slice(eq + 1);
  });

const include = (container: SimContainer, filters: Filters, all: boolean, state: SimState): boolean => {
  const running = container.state === 'running' || container.state === 'restarting' || container.state === 'paused';
  if (!running && !all) return false;
  if (!matches(filters, 'name', `/${container.name}`) && !matches(filters, 'name', container.name)) return false;
  if (!matches(filters, 'id', container.id)) return false;
  if (!labelsMatch(filters, container.labels)) return false;
  const exited = filters.get('exited');
  if (exited && !(exited.map(Number).includes(container.exitCode) && !running && container.startedAt !== undefined)) return false;
  const status = filters.get('status');
  if (status && !status.includes(container.state)) return false;
  const ancestors = filters.get('ancestor');
  if (ancestors && !ancestors.some((a) => container.image === a || findImage(state, a)?.id === container.imageId)) return false;
  const networks = filters.get('network');
  if (networks && !networks.includes(container.networkMode)) return false;
  return true;
};

export const psCommand = (ctx: DockerCtx, argv: readonly string[], commandPath = 'docker ps'): number => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.ps, commandPath)}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  if (args.length > 0) {
    io.error(`docker: '${commandPath}' accepts no arguments\n\nUsage:  ${usages.ps}\n\nRun '${commandPath} --help' for more information\n`);
    return 1;
  }
  const filters: Filters = new Map();
  for (const text of flags.list('filter')) {
    const eq = text.indexOf('=');
    if (eq < 0) {
      io.error(`${flagError(`invalid argument "${text}" for "-f, --filter" flag: bad format of filter (expected name=value)`, usages.ps, commandPath)}\n`);
      return 125;
    }
    const key = text.slice(0, eq).trim().toLowerCase();
    filters.set(key, [...(filters.get(key) ?? []), text.slice(eq + 1)]);
  }
  for (const key of filters.keys()) {
    if (!acceptedFilters.has(key)) {
      io.error(`${fromDaemon(`invalid filter '${key}'`)}\n`);
      return 1;
    }
  }
  for (const value of filters.get('status') ?? []) {
    if (!validStates.includes(value)) {
      io.error(`${fromDaemon(`invalid filter 'status=${value}': invalid value for state (${value}): must be one of ${validStates.join(', ')}`)}\n`);
      return 1;
    }
  }
  for (const value of filters.get('exited') ?? []) {
    if (!/^-?\d+$/.test(value)) {
      io.error(`${fromDaemon(`invalid filter 'exited=${value}': strconv.Atoi: parsing "${value}": invalid syntax`)}\n`);
      return 1;
    }
  }

  settle(ctx);
  const state = io.read();
  const now = io.now();
  const last = flags.bool('latest') ? 1 : Number(flags.value('last') ?? -1);
  const all = flags.bool('all') || filters.has('status') || last > 0;
  let containers = [...state.containers].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id)).filter((c) => include(c, filters, all, state));
  if (last > 0) containers = containers.slice(0, last);
  const trunc = !flags.bool('no-trunc');
  const rows = containers.map((c) => psRow(c, state, now, trunc));

  let format = flags.value('format');
  if (flags.bool('quiet')) format = '{{.ID}}';
  else if (format === undefined && flags.bool('size')) format = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}';
  const out = formatList(rows, format, {
    defaultTable: 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}',
    headers: psHeaders,
    rowType: '*formatter.ContainerContext',
  });
  if (!out.ok) {
    io.error(`failed to execute template: ${out.error.replace(/^template parsing error: /, '')}\n`);
    return 1;
  }
  io.write(out.text);
  return 0;
};
