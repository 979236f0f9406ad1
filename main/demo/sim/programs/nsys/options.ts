/**
 * nsys command-switch options (profile / launch / start share most of them). nsys takes
 * `-o name` for short options and `--opt=value` or `--opt value` for long ones; boolean switches
 * take `true`/`false` (`--force-overwrite true`, `--stats=true`). Parsing stops at the first
 * word that is not an option: that is the application to run.
 *
 * `--gpu-metrics-device` (singular) is the pre-2024 spelling; whether current nsys still takes
 * it is unverified (README §4), so the simulator accepts it as an alias of the plural.
 */
export interface NsysOptions {
  readonly values: Map<string, string>;
  /** The application and its arguments. */
  readonly command: string[];
}

export type NsysParse = { readonly ok: true; readonly options: NsysOptions } | { readonly ok: false; readonly error: string };

/** Canonical long name for each accepted spelling. */
const aliases: Record<string, string> = {
  '-o': '--output',
  '-t': '--trace',
  '-s': '--sample',
  '-d': '--duration',
  '-y': '--delay',
  '-f': '--force-overwrite',
  '-w': '--show-output',
  '-x': '--stop-on-exit',
  '-b': '--backtrace',
  '-c': '--capture-range',
  '-e': '--env-var',
  '-n': '--inherit-environment',
  '-p': '--nvtx-capture',
  '-q': '--quiet',
  '--gpu-metrics-device': '--gpu-metrics-devices',
  '--gpu-metrics-sets': '--gpu-metrics-set',
};

const valued = new Set([
  '--output', '--trace', '--sample', '--duration', '--delay', '--cpuctxsw', '--gpu-metrics-devices', '--gpu-metrics-set',
  '--gpu-metrics-frequency', '--session-new', '--session', '--cuda-graph-trace', '--capture-range', '--capture-range-end',
  '--kill', '--backtrace', '--cudabacktrace', '--pytorch', '--nvtx-capture', '--env-var', '--wait', '--export',
  '--osrt-threshold', '--python-backtrace', '--cpu-core-events', '--event-sample', '--sampling-frequency', '--type', '--report',
  '--format', '--timeunit', '--hostname',
]);

/** Switches that take true/false, and may be given bare (meaning true). */
const booleans = new Set([
  '--force-overwrite', '--stats', '--trace-fork-before-exec', '--cuda-memory-usage', '--show-output', '--stop-on-exit',
  '--python-sampling', '--inherit-environment', '--cuda-um-cpu-page-faults', '--cuda-um-gpu-page-faults', '--force-export',
  '--environment', '--quiet',
]);

export const parseNsysOptions = (argv: readonly string[], stopAtCommand: boolean): NsysParse => {
  const values = new Map<string, string>();
  let i = 0;
  for (; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      if (stopAtCommand) break;
      values.set(`#${values.size}`, arg);
      continue;
    }
    if (arg === '--') {
      i += 1;
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const raw = eq > 0 ? arg.slice(0, eq) : arg;
    const name = aliases[raw] ?? raw;
    if (booleans.has(name)) {
      const next = argv[i + 1];
      if (eq > 0) values.set(name, arg.slice(eq + 1));
      else if (next === 'true' || next === 'false') {
        values.set(name, next);
        i += 1;
      } else values.set(name, 'true');
    } else if (valued.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
      if (value === undefined) return { ok: false, error: `option '${raw}' requires an argument` };
      if (eq <= 0) i += 1;
      values.set(name, value);
    } else return { ok: false, error: `unrecognised option '${raw}'` };
  }
  return { ok: true, options: { values, command: argv.slice(i) } };
};

/** Positional words (non-options) when not stopping at a command: `nsys stats a.nsys-rep`. */
export const positionals = (options: NsysOptions): string[] =>
  [...options.values.entries()].filter(([k]) => k.startsWith('#')).map(([, v]) => v);

export const isTrue = (value: string | undefined): boolean => value !== undefined && /^(true|1|yes)$/i.test(value);

/** `-t cuda,nvtx,osrt` → list; nsys's default trace set when not given. */
export const traceList = (value: string | undefined): string[] =>
  (value ?? 'cuda,nvtx,osrt,opengl').split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');

export const usageLine = (command: string): string =>
  `\nusage: nsys ${command} [<args>]${command === 'profile' || command === 'launch' ? ' [application] [<application args>]' : ''}\nTry 'nsys ${command} --help' for more information.\n`;
