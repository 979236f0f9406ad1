/**
 * Helpers the builtins share: GNU-style option parsing, coreutils' two ways of quoting a file
 * name in messages, and reading a file that may be virtual (/proc, /sys) or on the box's disk.
 */
import { posix } from 'node:path';
import { SimFsError } from '../sim/io.js';
import type { CommandContext } from './types.js';

export interface FlagSpec {
  /** Short options without a value, e.g. 'afr'. */
  readonly bool?: string;
  /** Short options that take a value, e.g. 'nm'. */
  readonly value?: string;
  /** Long options: name → the short letter it stands for (or itself), and whether it takes a value. */
  readonly long?: Readonly<Record<string, { readonly as: string; readonly value: boolean }>>;
}

export interface Parsed {
  /** Options in the order given; later ones win when read with get(). */
  readonly flags: Array<[string, string | true]>;
  readonly operands: string[];
  has(flag: string): boolean;
  get(flag: string): string | undefined;
}

export type ParseResult = { readonly ok: true; readonly parsed: Parsed } | { readonly ok: false; readonly message: string };

/** Parses options and operands like getopt_long (options may follow operands; `--` ends them). */
export const parseFlags = (tool: string, argv: readonly string[], spec: FlagSpec): ParseResult => {
  const flags: Array<[string, string | true]> = [];
  const operands: string[] = [];
  const bool = spec.bool ?? '';
  const value = spec.value ?? '';
  const tryHelp = `Try '${tool} --help' for more information.`;
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const option = spec.long?.[name];
      if (!option) return { ok: false, message: `${tool}: unrecognized option '${word}'\n${tryHelp}` };
      if (option.value) {
        const given = eq >= 0 ? word.slice(eq + 1) : argv[++i];
        if (given === undefined) return { ok: false, message: `${tool}: option '--${name}' requires an argument\n${tryHelp}` };
        flags.push([option.as, given]);
      } else flags.push([option.as, true]);
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j += 1) {
        const letter = word[j]!;
        if (value.includes(letter)) {
          const given = j + 1 < word.length ? word.slice(j + 1) : argv[++i];
          if (given === undefined) return { ok: false, message: `${tool}: option requires an argument -- '${letter}'\n${tryHelp}` };
          flags.push([letter, given]);
          break;
        }
        if (!bool.includes(letter)) return { ok: false, message: `${tool}: invalid option -- '${letter}'\n${tryHelp}` };
        flags.push([letter, true]);
      }
      continue;
    }
    operands.push(word);
  }
  return {
    ok: true,
    parsed: {
      flags,
      operands,
      has: (flag) => flags.some(([f]) => f === flag),
      get: (flag) => {
        const found = flags.filter(([f]) => f === flag).at(-1)?.[1];
        return found === true ? '' : found;
      },
    },
  };
};

/** Parses flags or prints the error and gives the exit status. */
export const flagsOr = (ctx: CommandContext, spec: FlagSpec, usageStatus = 1): Parsed | number => {
  const result = parseFlags(ctx.name, ctx.argv, spec);
  if (result.ok) return result.parsed;
  ctx.error(`${result.message}\n`);
  return usageStatus;
};

/** coreutils' shell-escape quoting ('name'), used by rm, ls, cp, stat… */
export const shq = (name: string): string => (/^[\w./@%+=:,-]+$/.test(name) ? `'${name}'` : name.includes("'") ? `"${name}"` : `'${name}'`);

/** coreutils' locale quoting: ‘name’ in a UTF-8 locale, 'name' in C (mkdir, find, timeout…). */
export const lq = (ctx: Pick<CommandContext, 'env'>, name: string): string => {
  const locale = ctx.env['LC_ALL'] || ctx.env['LC_MESSAGES'] || ctx.env['LANG'] || '';
  return /utf-?8/i.test(locale) ? `‘${name}’` : `'${name}'`;
};

export const errnoText = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOSPC: 'No space left on device',
  EACCES: 'Permission denied',
  ENOTEMPTY: 'Directory not empty',
} as const;

/** The strerror text of a SimFsError (or of anything else thrown by a file operation). */
export const reason = (error: unknown): string =>
  error instanceof SimFsError ? errnoText[error.code] : error instanceof Error ? error.message : String(error);

export const abs = (ctx: Pick<CommandContext, 'cwd'>, path: string): string => posix.resolve(ctx.cwd, path);

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** A file's text: virtual files first (/proc, /sys, /etc/os-release), then the box's disk. */
export const readBoxFile = (ctx: Pick<CommandContext, 'cwd' | 'host'>, name: string): ReadResult => {
  const path = abs(ctx, name);
  const virtual = ctx.host.virtualFile(path);
  if (virtual !== undefined) return { ok: true, text: virtual };
  try {
    if (ctx.host.fs.stat(path).isDirectory) return { ok: false, reason: errnoText.EISDIR };
    return { ok: true, text: ctx.host.fs.readText(path) };
  } catch (error) {
    return { ok: false, reason: reason(error) };
  }
};

/** stat() or undefined when the path does not exist. */
export const statOf = (ctx: Pick<CommandContext, 'cwd' | 'host'>, name: string) => {
  try {
    return ctx.host.fs.stat(abs(ctx, name));
  } catch {
    return undefined;
  }
};

/** The clock the box runs on. */
export const nowMs = (ctx: Pick<CommandContext, 'host'>): number => (ctx.host.now ?? Date.now)();
