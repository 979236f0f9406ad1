/**
 * GNU-style option parsing for the Python CLIs (`--opt value`, `--opt=value`, repeatable
 * options, flags). Unknown options are reported, not guessed, so each program can print its
 * own tool's usage error.
 */
import type { SimIO } from '../../io.js';

/** Ends a command the way CLIs do: a message on stderr (and optionally stdout), an exit code. */
export const exitWith = (io: SimIO, stderr: string, code: number, stdout = ''): number => {
  if (stdout !== '') io.write(stdout);
  io.error(stderr);
  return code;
};

export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Map<string, string[]>;
  readonly flags: Set<string>;
  /** The first option the tool does not know. */
  readonly unknown: string | undefined;
  /** An option that needs a value but came last. */
  readonly missingValue: string | undefined;
}

export const parseArgs = (argv: readonly string[], withValue: readonly string[], flags: readonly string[]): ParsedArgs => {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), flags: new Set(), unknown: undefined, missingValue: undefined };
  let unknown: string | undefined;
  let missingValue: string | undefined;
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (withValue.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
      if (value === undefined) {
        missingValue ??= name;
        continue;
      }
      if (eq <= 0) i += 1;
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else if (flags.includes(name)) parsed.flags.add(name);
    else unknown ??= name;
  }
  return { ...parsed, unknown, missingValue };
};

/** The last value given for any of the option's spellings. */
export const lastValue = (args: ParsedArgs, ...names: string[]): string | undefined => {
  let found: string | undefined;
  for (const name of names) {
    const values = args.values.get(name);
    if (values && values.length > 0) found = values[values.length - 1];
  }
  return found;
};

export const allValues = (args: ParsedArgs, ...names: string[]): string[] => names.flatMap((n) => args.values.get(n) ?? []);

/** Python's pathlib normalisation of a path as given (`./models/x/` → `models/x`). */
export const pythonPath = (path: string): string => {
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
};
