/** Builtins that are about the shell itself, the user and time (GNU coreutils / bash wording). */
import { posix } from 'node:path';
import type { Builtin, CommandContext } from './types.js';
import { readAll } from './pipe.js';

const escapes = (text: string): string =>
  text.replace(/\\(\\|n|t|r|a|b|e|0[0-7]{0,3}|c)/g, (_, code: string) => {
    if (code === '\\') return '\\';
    if (code === 'n') return '\n';
    if (code === 't') return '\t';
    if (code === 'r') return '\r';
    if (code === 'a') return '\x07';
    if (code === 'b') return '\b';
    if (code === 'e') return '\x1b';
    if (code === 'c') return '\u0000STOP';
    return String.fromCharCode(parseInt(code.slice(1) || '0', 8));
  });

const echo: Builtin = ({ argv, write }) => {
  let newline = true;
  let interpret = false;
  let i = 0;
  while (i < argv.length && /^-[neE]+$/.test(argv[i]!)) {
    for (const flag of argv[i]!.slice(1)) {
      if (flag === 'n') newline = false;
      if (flag === 'e') interpret = true;
      if (flag === 'E') interpret = false;
    }
    i += 1;
  }
  let text = argv.slice(i).join(' ');
  if (interpret) {
    text = escapes(text);
    const stop = text.indexOf('\u0000STOP');
    if (stop >= 0) {
      write(text.slice(0, stop));
      return 0;
    }
  }
  write(newline ? `${text}\n` : text);
  return 0;
};

/** printf FORMAT ARGS: %s %d %i %b %x %o %c %% and backslash escapes; the format is reused for extra args. */
const printf: Builtin = ({ argv, write, error }) => {
  const [format, ...args] = argv;
  if (format === undefined) {
    error('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  let status = 0;
  let rest = [...args];
  do {
    let consumed = 0;
    const out = escapes(format).replace(/%(-?\d*)(?:\.(\d+))?([sdibxXoc%])/g, (_, width: string, precision: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const arg = rest[consumed] ?? '';
      consumed += 1;
      let text: string;
      if (conv === 's') text = precision !== undefined ? arg.slice(0, Number(precision)) : arg;
      else if (conv === 'b') text = escapes(arg);
      else if (conv === 'c') text = arg.charAt(0);
      else {
        const n = arg === '' ? 0 : Number(arg);
        if (!Number.isFinite(n) || !Number.isInteger(n)) {
          error(`printf: ${arg}: invalid number\n`);
          status = 1;
        }
        const value = Number.isFinite(n) ? Math.trunc(n) : 0;
        text = conv === 'x' ? value.toString(16) : conv === 'X' ? value.toString(16).toUpperCase() : conv === 'o' ? value.toString(8) : String(value);
      }
      const w = Number(width.replace('-', '') || 0);
      return width.startsWith('-') ? text.padEnd(w) : text.padStart(w);
    });
    write(out.split('\u0000STOP')[0]!);
    if (out.includes('\u0000STOP')) return status;
    rest = rest.slice(consumed);
    if (consumed === 0) break;
  } while (rest.length > 0);
  return status;
};

const cd: Builtin = ({ argv, shell, host, error }) => {
  const target = argv[0] === undefined || argv[0] === '~' ? host.fs.home : argv[0] === '-' ? (shell.env['OLDPWD'] ?? shell.cwd) : argv[0];
  const path = host.fs.resolve(target, shell.cwd);
  if (!host.fs.exists(path)) {
    error(`bash: cd: ${target}: No such file or directory\n`);
    return 1;
  }
  if (!host.fs.stat(path).isDirectory) {
    error(`bash: cd: ${target}: Not a directory\n`);
    return 1;
  }
  shell.env['OLDPWD'] = shell.cwd;
  shell.cwd = path;
  shell.env['PWD'] = path;
  return 0;
};

const exportVars: Builtin = ({ argv, shell }) => {
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    if (eq > 0) shell.env[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return 0;
};

const unset: Builtin = ({ argv, shell }) => {
  for (const name of argv) delete shell.env[name];
  return 0;
};

const exit: Builtin = ({ argv, shell }) => {
  const code = argv[0] === undefined ? shell.lastStatus : Number(argv[0]) & 255;
  shell.exitRequested = Number.isNaN(code) ? 2 : code;
  return shell.exitRequested;
};

/** test / [ … ]: the file, string and integer tests scripts use. */
const test =
  (bracket: boolean): Builtin =>
  ({ argv, host, cwd, error }) => {
    let args = [...argv];
    if (bracket) {
      if (args.at(-1) !== ']') {
        error("bash: [: missing `]'\n");
        return 2;
      }
      args = args.slice(0, -1);
    }
    let negate = false;
    if (args[0] === '!') {
      negate = true;
      args = args.slice(1);
    }
    const file = (path: string) => host.fs.resolve(path, cwd);
    const evaluate = (): boolean | undefined => {
      if (args.length === 0) return false;
      if (args.length === 1) return args[0]!.length > 0;
      if (args.length === 2) {
        const [op, value = ''] = args;
        switch (op) {
          case '-e':
          case '-r':
          case '-w':
            return host.fs.exists(file(value)) || host.virtualFile(file(value)) !== undefined;
          case '-x':
            return host.fs.exists(file(value));
          case '-f':
            return (host.fs.exists(file(value)) && !host.fs.stat(file(value)).isDirectory) || host.virtualFile(file(value)) !== undefined;
          case '-d':
            return host.fs.exists(file(value)) && host.fs.stat(file(value)).isDirectory;
          case '-s':
            return host.fs.exists(file(value)) && host.fs.stat(file(value)).size > 0;
          case '-z':
            return value.length === 0;
          case '-n':
            return value.length > 0;
          default:
            return undefined;
        }
      }
      if (args.length === 3) {
        const [a = '', op, b = ''] = args;
        const numbers = () => [Number(a), Number(b)] as const;
        switch (op) {
          case '=':
          case '==':
            return a === b;
          case '!=':
            return a !== b;
          case '-eq':
            return numbers()[0] === numbers()[1];
          case '-ne':
            return numbers()[0] !== numbers()[1];
          case '-lt':
            return numbers()[0] < numbers()[1];
          case '-le':
            return numbers()[0] <= numbers()[1];
          case '-gt':
            return numbers()[0] > numbers()[1];
          case '-ge':
            return numbers()[0] >= numbers()[1];
          default:
            return undefined;
        }
      }
      return undefined;
    };
    const result = evaluate();
    if (result === undefined) {
      error(`bash: ${bracket ? '[' : 'test'}: ${args.join(' ')}: unary operator expected\n`);
      return 2;
    }
    return result !== negate ? 0 : 1;
  };

const sleep: Builtin = async ({ argv, error, signal }) => {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
  let total = 0;
  for (const arg of argv) {
    if (arg === 'infinity') total = Number.POSITIVE_INFINITY;
    else {
      const match = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
      if (!match) {
        error(`sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += Number(match[1]) * (units[match[2] || 's'] ?? 1);
    }
  }
  if (argv.length === 0) {
    error("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = Number.isFinite(total) ? setTimeout(resolve, total * 1000) : undefined;
    signal.addEventListener(
      'abort',
      () => {
        if (timer) clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
  return signal.aborted ? 130 : 0;
};

const kill: Builtin = ({ argv, host, error }) => {
  let signal: 'TERM' | 'INT' | 'KILL' | 0 = 'TERM';
  const pids: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '-s') {
      const name = (argv[++i] ?? '').replace(/^SIG/, '');
      signal = name === 'KILL' ? 'KILL' : name === 'INT' ? 'INT' : 'TERM';
    } else if (/^-(0|TERM|SIGTERM|15|INT|SIGINT|2|KILL|SIGKILL|9)$/.test(arg)) {
      const name = arg.slice(1).replace(/^SIG/, '');
      signal = name === '0' ? 0 : name === 'KILL' || name === '9' ? 'KILL' : name === 'INT' || name === '2' ? 'INT' : 'TERM';
    } else pids.push(arg);
  }
  let status = 0;
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) {
      error(`bash: kill: ${pid}: arguments must be process or job IDs\n`);
      status = 1;
    } else if (!host.processes.kill(Number(pid), signal)) {
      error(`bash: kill: (${pid}) - No such process\n`);
      status = 1;
    }
  }
  return status;
};

const id: Builtin = ({ argv, host, write }) => {
  const uid = 1000;
  if (argv.includes('-un') || (argv.includes('-u') && argv.includes('-n'))) write(`${host.user}\n`);
  else if (argv.includes('-u')) write(`${uid}\n`);
  else if (argv.includes('-g')) write(`${uid}\n`);
  else if (argv.includes('-Gn')) write(`${host.user} adm sudo docker\n`);
  else write(`uid=${uid}(${host.user}) gid=${uid}(${host.user}) groups=${uid}(${host.user}),4(adm),27(sudo),988(docker)\n`);
  return 0;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const date: Builtin = ({ argv, write }) => {
  const now = new Date();
  const utc = argv.includes('-u') || argv.includes('--utc');
  const format = argv.find((a) => a.startsWith('+'));
  if (format === '+%s') write(`${Math.floor(now.getTime() / 1000)}\n`);
  else if (format === '+%s%N') write(`${now.getTime()}${String(Math.floor((performance.now() % 1) * 1_000_000)).padStart(6, '0')}\n`);
  else if (format === '+%s%3N') write(`${now.getTime()}\n`);
  else if (format === '+%Y-%m-%dT%H:%M:%S%z' || argv.includes('-Iseconds') || argv.includes('--iso-8601=seconds')) {
    const d = utc ? now : new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
    write(`${d.toISOString().slice(0, 19)}${utc ? '+00:00' : '+00:00'}\n`);
  } else {
    const d = now;
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    write(`${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`);
  }
  return 0;
};

const env: Builtin = ({ env: vars, write }) => {
  for (const [key, value] of Object.entries(vars)) write(`${key}=${value}\n`);
  return 0;
};

const printenv: Builtin = ({ argv, env: vars, write }) => {
  if (argv.length === 0) return env({ argv, env: vars, write } as CommandContext);
  let status = 0;
  for (const name of argv) {
    if (vars[name] === undefined) status = 1;
    else write(`${vars[name]}\n`);
  }
  return status;
};

const basename: Builtin = ({ argv, write }) => {
  const [path = '', suffix] = argv;
  let base = posix.basename(path);
  if (suffix && base.endsWith(suffix) && base !== suffix) base = base.slice(0, -suffix.length);
  write(`${base}\n`);
  return 0;
};

const dirname: Builtin = ({ argv, write }) => {
  write(`${posix.dirname(argv[0] ?? '.')}\n`);
  return 0;
};

const read: Builtin = async ({ argv, stdin, shell }) => {
  const text = await readAll(stdin);
  const line = text.split('\n')[0] ?? '';
  const names = argv.filter((a) => !a.startsWith('-'));
  const parts = line.trim().split(/\s+/);
  names.forEach((name, i) => (shell.env[name] = i === names.length - 1 ? parts.slice(i).join(' ') : (parts[i] ?? '')));
  return text.length > 0 ? 0 : 1;
};

export const coreBuiltins: Record<string, Builtin> = {
  echo,
  printf,
  cd,
  export: exportVars,
  unset,
  exit,
  test: test(false),
  '[': test(true),
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  sleep,
  kill,
  id,
  whoami: ({ host, write }) => (write(`${host.user}\n`), 0),
  hostname: ({ host, write }) => (write(`${host.hostname}\n`), 0),
  date,
  env,
  printenv,
  basename,
  dirname,
  read,
  pwd: ({ cwd, write }) => (write(`${cwd}\n`), 0),
  nproc: ({ write }) => (write('20\n'), 0),
  getconf: ({ argv, write, error }) => {
    if (argv[0] === 'PAGESIZE' || argv[0] === 'PAGE_SIZE') return write('4096\n'), 0;
    if (argv[0] === '_NPROCESSORS_ONLN' || argv[0] === '_NPROCESSORS_CONF') return write('20\n'), 0;
    if (argv[0] === 'CLK_TCK') return write('100\n'), 0;
    error(`getconf: Unrecognized variable '${argv[0] ?? ''}'\n`);
    return 1;
  },
  clear: ({ write }) => (write('\x1b[H\x1b[2J\x1b[3J'), 0),
};
