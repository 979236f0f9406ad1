/**
 * Questions about the box and its user: id, whoami, hostname, date, env, printenv, nproc,
 * getconf, and path arithmetic: basename, dirname, realpath, readlink, mktemp.
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { Builtin, CommandContext } from './types.js';
import { abs, flagsOr, lq, nowMs, reason, statOf } from './util.js';

/** The demo user's ids, as on a DGX OS install (first user 1000, in adm, sudo and docker). */
const ids = { uid: 1000, gid: 1000, groups: [[1000, 'USER'], [4, 'adm'], [27, 'sudo'], [999, 'docker']] } as const;
/** GB10: 20 Arm cores (10 Cortex-X925 + 10 Cortex-A725); 4 KiB pages on DGX OS's kernel. */
const machine = { cores: 20, pageSize: 4096, clockTicks: 100 } as const;

const id: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'ugGnr' });
  if (typeof flags === 'number') return flags;
  const user = ctx.host.user;
  const inDocker = ctx.host.store.read().faults['docker-permission'] !== true;
  const groups = ids.groups.filter(([gid]) => gid !== 999 || inDocker).map(([gid, name]) => [gid, name === 'USER' ? user : name] as const);
  const name = flags.has('n');
  if (flags.has('u')) ctx.write(`${name ? user : ids.uid}\n`);
  else if (flags.has('g')) ctx.write(`${name ? user : ids.gid}\n`);
  else if (flags.has('G')) ctx.write(`${groups.map(([gid, group]) => (name ? group : gid)).join(' ')}\n`);
  else ctx.write(`uid=${ids.uid}(${user}) gid=${ids.gid}(${user}) groups=${groups.map(([gid, group]) => `${gid}(${group})`).join(',')}\n`);
  return 0;
};

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** strftime for the conversions scripts use; the box runs on UTC. */
export const strftime = (format: string, ms: number): string => {
  const d = new Date(ms);
  const nanos = String(Math.floor(ms % 1000) * 1_000_000 + Math.floor((ms * 1000) % 1000) * 1000).padStart(9, '0');
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const conversions: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    y: () => two(d.getUTCFullYear() % 100),
    m: () => two(d.getUTCMonth() + 1),
    d: () => two(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2),
    H: () => two(d.getUTCHours()),
    I: () => two(d.getUTCHours() % 12 || 12),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    M: () => two(d.getUTCMinutes()),
    S: () => two(d.getUTCSeconds()),
    s: () => String(Math.floor(ms / 1000)),
    N: () => nanos,
    z: () => '+0000',
    Z: () => 'UTC',
    a: () => days[d.getUTCDay()]!,
    A: () => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()]!,
    b: () => months[d.getUTCMonth()]!,
    h: () => months[d.getUTCMonth()]!,
    j: () => String(Math.floor((ms - start) / 86_400_000) + 1).padStart(3, '0'),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    F: () => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    T: () => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    D: () => `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)}`,
    R: () => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%(:?)([a-zA-Z%])/g, (whole, colon: string, code: string) => (colon ? (code === 'z' ? '+00:00' : whole) : (conversions[code]?.() ?? whole)));
};

const date: Builtin = (ctx) => {
  let when = nowMs(ctx);
  let format = '%a %b %e %H:%M:%S %Z %Y';
  const args = [...ctx.argv];
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    if (word === '-u' || word === '--utc' || word === '--universal') continue;
    if (word.startsWith('+')) format = word.slice(1);
    else if (word === '-d' || word.startsWith('--date=') || word.startsWith('-d')) {
      const text = word === '-d' ? (args[++i] ?? '') : word.startsWith('--date=') ? word.slice(7) : word.slice(2);
      const parsed = text.startsWith('@') ? Number(text.slice(1)) * 1000 : text === 'now' ? when : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
      if (Number.isNaN(parsed)) {
        ctx.error(`date: invalid date ${lq(ctx, text)}\n`);
        return 1;
      }
      when = parsed;
    } else if (word === '-I' || word.startsWith('--iso-8601') || word.startsWith('-I')) {
      const precision = word.includes('=') ? word.split('=')[1] : word.length > 2 && word.startsWith('-I') ? word.slice(2) : 'date';
      format = precision === 'seconds' ? '%Y-%m-%dT%H:%M:%S%:z' : precision === 'minutes' ? '%Y-%m-%dT%H:%M%:z' : precision === 'hours' ? '%Y-%m-%dT%H%:z' : precision === 'ns' ? '%Y-%m-%dT%H:%M:%S,%N%:z' : '%Y-%m-%d';
    } else if (word === '-R' || word === '--rfc-email') format = '%a, %d %b %Y %H:%M:%S %z';
    else {
      ctx.error(`date: invalid option -- '${word.replace(/^-+/, '').slice(0, 1)}'\nTry 'date --help' for more information.\n`);
      return 1;
    }
  }
  ctx.write(`${strftime(format, when)}\n`);
  return 0;
};

const printenv: Builtin = (ctx) => {
  if (ctx.argv.length === 0) {
    for (const [key, value] of Object.entries(ctx.env)) ctx.write(`${key}=${value}\n`);
    return 0;
  }
  let status = 0;
  for (const name of ctx.argv) {
    const value = ctx.env[name];
    if (value === undefined) status = 1;
    else ctx.write(`${value}\n`);
  }
  return status;
};

const basename: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'az', value: 's', long: { multiple: { as: 'a', value: false }, suffix: { as: 's', value: true } } });
  if (typeof flags === 'number') return flags;
  if (flags.operands.length === 0) {
    ctx.error("basename: missing operand\nTry 'basename --help' for more information.\n");
    return 1;
  }
  const multiple = flags.has('a') || flags.has('s');
  const suffix = flags.get('s') ?? (multiple ? undefined : flags.operands[1]);
  const names = multiple ? flags.operands : flags.operands.slice(0, 1);
  for (const name of names) {
    let base = name === '/' ? '/' : posix.basename(name.replace(/\/+$/, '') || '/');
    if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
    ctx.write(`${base}${flags.has('z') ? '\0' : '\n'}`);
  }
  return 0;
};

const dirname: Builtin = (ctx) => {
  if (ctx.argv.length === 0) {
    ctx.error("dirname: missing operand\nTry 'dirname --help' for more information.\n");
    return 1;
  }
  for (const name of ctx.argv) ctx.write(`${posix.dirname(name.replace(/(.)\/+$/, '$1'))}\n`);
  return 0;
};

/** realpath / readlink -f: the absolute path; -m and readlink -f allow missing parts. */
const realpath: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'femqsnz', long: { 'canonicalize-missing': { as: 'm', value: false } } });
  if (typeof flags === 'number') return flags;
  const isReadlink = ctx.name === 'readlink';
  if (isReadlink && !flags.has('f') && !flags.has('e') && !flags.has('m')) return 1; // no symlinks to read here
  let status = 0;
  for (const name of flags.operands) {
    const path = abs(ctx, name);
    const exists = statOf(ctx, path) !== undefined;
    const parentExists = statOf(ctx, posix.dirname(path))?.isDirectory === true;
    const ok = flags.has('m') || exists || (!flags.has('e') && parentExists);
    if (ok) ctx.write(`${path}\n`);
    else {
      if (!isReadlink) ctx.error(`realpath: ${name}: No such file or directory\n`);
      status = 1;
    }
  }
  return status;
};

const mktemp: Builtin = (ctx: CommandContext) => {
  const flags = flagsOr(ctx, { bool: 'dqut', value: 'p', long: { directory: { as: 'd', value: false }, tmpdir: { as: 'p', value: true }, dry: { as: 'u', value: false } } });
  if (typeof flags === 'number') return flags;
  const template = flags.operands[0] ?? 'tmp.XXXXXXXXXX';
  const xs = /X{3,}$/.exec(template.replace(/\.[^./]*$/, (suffix) => (/X/.test(suffix) ? suffix : '')))?.[0];
  if (!xs) {
    ctx.error(`mktemp: too few X's in template ${lq(ctx, template)}\n`);
    return 1;
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const random = [...randomBytes(xs.length)].map((b) => alphabet[b % alphabet.length]).join('');
  const at = template.lastIndexOf(xs);
  const name = `${template.slice(0, at)}${random}${template.slice(at + xs.length)}`;
  const dir = flags.get('p') || (flags.operands[0] === undefined || flags.has('t') ? (ctx.env['TMPDIR'] ?? '/tmp') : undefined);
  const path = dir === undefined ? abs(ctx, name) : posix.resolve(abs(ctx, dir), name);
  try {
    if (flags.has('d')) ctx.host.fs.mkdirp(path);
    else ctx.host.fs.writeText(path, '', { mode: 0o600 });
  } catch (error) {
    ctx.error(`mktemp: failed to create ${flags.has('d') ? 'directory' : 'file'} via template ${lq(ctx, template)}: ${reason(error)}\n`);
    return 1;
  }
  ctx.write(`${path}\n`);
  return 0;
};

const getconf: Builtin = (ctx) => {
  const values: Record<string, number> = { PAGESIZE: machine.pageSize, PAGE_SIZE: machine.pageSize, _NPROCESSORS_ONLN: machine.cores, _NPROCESSORS_CONF: machine.cores, CLK_TCK: machine.clockTicks, LONG_BIT: 64 };
  const value = values[ctx.argv[0] ?? ''];
  if (value === undefined) {
    ctx.error(ctx.argv[0] === undefined ? 'Usage: getconf [-v specification] variable_name [pathname]\n' : `getconf: Unrecognized variable '${ctx.argv[0]}'\n`);
    return 1;
  }
  ctx.write(`${value}\n`);
  return 0;
};

export const infoBuiltins: Record<string, Builtin> = {
  id,
  whoami: (ctx) => (ctx.write(`${ctx.host.user}\n`), 0),
  hostname: (ctx) => (ctx.write(`${ctx.host.hostname}\n`), 0),
  nproc: (ctx) => (ctx.write(`${machine.cores}\n`), 0),
  date,
  printenv,
  basename,
  dirname,
  realpath,
  readlink: realpath,
  mktemp,
  getconf,
  clear: (ctx) => (ctx.write('\x1b[H\x1b[2J\x1b[3J'), 0),
};
