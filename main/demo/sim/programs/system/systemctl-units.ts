/**
 * The systemd units of the simulated box that PGX Companion asks about, their state from the
 * simulator state, and `systemctl status` of one (systemd 255, DGX OS 7 / Ubuntu 24.04 layout).
 * Unit files, descriptions and commands: Ollama's install.sh (/etc/systemd/system/ollama.service,
 * `ollama serve`), Docker's and OpenSSH's Ubuntu packages (ssh is socket-activated on 24.04).
 * DGX Dashboard's unit file and command are not captured anywhere: marked SYNTH below.
 */
import type { SimState } from '../../state.js';
import { clockTime } from './clock-format.js';

export type ActiveState = 'active' | 'inactive';

interface UnitFacts {
  readonly description: string;
  readonly fragment: string;
  readonly enabled: 'enabled' | 'disabled';
  readonly triggeredBy?: string;
  readonly docs?: string;
  readonly pid: number;
  readonly comm: string;
  readonly command: string;
  /** Started this long after boot (the order systemd brings them up). */
  readonly startedAfterBootMs: number;
  readonly tasks: number;
  readonly memory: string;
  readonly cpu: string;
  /** Active or not in this state; undefined: no such unit on this box. */
  readonly state: (s: SimState) => ActiveState | undefined;
}

/** TasksMax of system services: 15 % of the kernel's pid limit on a 20-core GB10 (SYNTH). */
const tasksLimit = 146_386;

const units: Readonly<Record<string, UnitFacts>> = {
  'ollama.service': {
    description: 'Ollama Service',
    fragment: '/etc/systemd/system/ollama.service',
    enabled: 'enabled',
    pid: 1482,
    comm: 'ollama',
    command: '/usr/local/bin/ollama serve',
    startedAfterBootMs: 12_000,
    tasks: 14,
    memory: '44.9M (peak: 61.2M)',
    cpu: '2.118s',
    state: (s) => (s.ollama.serving ? 'active' : 'inactive'),
  },
  'dgx-dashboard.service': {
    // SYNTH: the unit's name and port (11000) are DGX OS's; its file, description and command are not captured.
    description: 'NVIDIA DGX Dashboard',
    fragment: '/usr/lib/systemd/system/dgx-dashboard.service',
    enabled: 'enabled',
    pid: 1517,
    comm: 'dgx-dashboard',
    command: '/usr/bin/dgx-dashboard',
    startedAfterBootMs: 14_000,
    tasks: 9,
    memory: '38.6M (peak: 40.1M)',
    cpu: '1.204s',
    state: () => 'active',
  },
  'docker.service': {
    description: 'Docker Application Container Engine',
    fragment: '/usr/lib/systemd/system/docker.service',
    enabled: 'enabled',
    triggeredBy: 'docker.socket',
    docs: 'https://docs.docker.com',
    pid: 1630,
    comm: 'dockerd',
    command: '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
    startedAfterBootMs: 11_000,
    tasks: 23,
    memory: '96.3M (peak: 131.0M)',
    cpu: '9.871s',
    // Without docker installed there is no docker.service either.
    state: (s) => (s.faults['docker-missing'] === true ? undefined : 'active'),
  },
  'ssh.service': {
    description: 'OpenBSD Secure Shell server',
    fragment: '/usr/lib/systemd/system/ssh.service',
    enabled: 'disabled',
    triggeredBy: 'ssh.socket',
    docs: 'man:sshd(8)\n             man:sshd_config(5)',
    pid: 1391,
    comm: 'sshd',
    command: '"sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"',
    startedAfterBootMs: 8_000,
    tasks: 1,
    memory: '3.1M (peak: 5.4M)',
    cpu: '412ms',
    // You reached the box over SSH.
    state: () => 'active',
  },
};

/** Aliases systemd resolves to the unit they name (Debian links sshd.service to ssh.service). */
const aliases: Readonly<Record<string, string>> = { 'sshd.service': 'ssh.service' };

/** `ollama` → `ollama.service`, as systemctl mangles a name without a unit type. */
export const unitName = (word: string): string => (/\.(service|socket|target|timer|mount|path|slice|scope|device|swap|automount)$/.test(word) ? word : `${word}.service`);

const resolve = (name: string): string => aliases[name] ?? name;

/** The unit's active state; undefined when the box has no such unit. */
export const activeState = (state: SimState, name: string): ActiveState | undefined => units[resolve(name)]?.state(state);

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** `Wed 2026-11-25 05:43:12 UTC` (the box keeps UTC, see clock-format.ts). */
const systemdTimestamp = (ms: number): string => {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${weekdays[d.getUTCDay()]} ${date} ${clockTime(ms)} UTC`;
};

const sec = 1000;
const min = 60 * sec;
const hour = 60 * min;
const day = 24 * hour;
const week = 7 * day;
const month = 2_629_800 * sec;
const year = 31_557_600 * sec;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** systemd's format_timestamp_relative: `3h 16min ago`, `2 days ago`, `1 week 2 days ago`. */
export const relativeAgo = (ms: number): string => {
  const f = Math.floor;
  if (ms >= year) return `${plural(f(ms / year), 'year')} ${plural(f((ms % year) / month), 'month')} ago`;
  if (ms >= month) return `${plural(f(ms / month), 'month')} ${plural(f((ms % month) / day), 'day')} ago`;
  if (ms >= week) return `${plural(f(ms / week), 'week')} ${plural(f((ms % week) / day), 'day')} ago`;
  if (ms >= 2 * day) return `${f(ms / day)} days ago`;
  if (ms >= 25 * hour) return `1 day ${f((ms - day) / hour)}h ago`;
  if (ms >= 6 * hour) return `${f(ms / hour)}h ago`;
  if (ms >= hour) return `${f(ms / hour)}h ${f((ms % hour) / min)}min ago`;
  if (ms >= 5 * min) return `${f(ms / min)}min ago`;
  if (ms >= min) return `${f(ms / min)}min ${f((ms % min) / sec)}s ago`;
  if (ms >= sec) return `${f(ms / sec)}s ago`;
  return ms > 0 ? `${f(ms)}ms ago` : 'now';
};

/** Labels right-aligned to the widest one (`TriggeredBy:`), as systemctl prints them. */
const field = (label: string, value: string) => `${label.padStart(11)}: ${value}`;

/** `systemctl status NAME`: the block, or undefined when there is no such unit. */
export const statusBlock = (state: SimState, name: string, now: number): { readonly text: string; readonly active: boolean } | undefined => {
  const unit = resolve(name);
  const facts = units[unit];
  const active = facts?.state(state);
  if (!facts || active === undefined) return undefined;
  const lines = [`${active === 'active' ? '●' : '○'} ${unit} - ${facts.description}`, field('Loaded', `loaded (${facts.fragment}; ${facts.enabled}; preset: enabled)`)];
  if (active === 'inactive') {
    lines.push(field('Active', 'inactive (dead)'));
    return { text: `${lines.join('\n')}\n`, active: false };
  }
  const since = state.bootedAt + facts.startedAfterBootMs;
  lines.push(field('Active', `active (running) since ${systemdTimestamp(since)}; ${relativeAgo(now - since)}`));
  if (facts.triggeredBy) lines.push(field('TriggeredBy', `● ${facts.triggeredBy}`));
  if (facts.docs) lines.push(field('Docs', facts.docs));
  lines.push(
    field('Main PID', `${facts.pid} (${facts.comm})`),
    field('Tasks', `${facts.tasks} (limit: ${tasksLimit})`),
    field('Memory', facts.memory),
    field('CPU', facts.cpu),
    field('CGroup', `/system.slice/${unit}`),
    `${' '.repeat(13)}└─${facts.pid} ${facts.command}`,
  );
  return { text: `${lines.join('\n')}\n`, active: true };
};
