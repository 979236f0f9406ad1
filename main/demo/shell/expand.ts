/**
 * Word expansion at run time: variables (`$X`, `${X}`, `${X:-d}`, `$?`, `$!`, `$$`, `$0…`,
 * `"$@"`), the home `~`, and globs in the last path component against the box's files
 * (an unmatched glob stays literal, as in bash).
 */
import { posix } from 'node:path';
import type { SimFs } from '../sim/io.js';
import { varClose, varOpen } from './scan.js';
import type { Word } from './syntax.js';
import type { ShellState } from './types.js';

/** `$$`: the shell's pid as the app sees it. */
const shellPid = 4242;

const placeholder = new RegExp(`${varOpen}([^${varClose}]*)${varClose}`, 'g');
const atWord = `${varOpen}@${varClose}`;

export const lookupVariable = (state: ShellState, home: string, name: string): string => {
  switch (name) {
    case '':
      return '$'; // a lone `$` is literal
    case '~':
      return state.vars['HOME'] ?? home;
    case '?':
      return String(state.lastStatus);
    case '!':
      return state.lastBackgroundPid === undefined ? '' : String(state.lastBackgroundPid);
    case '$':
      return String(shellPid);
    case '#':
      return String(Math.max(0, state.positional.length - 1));
    case '@':
    case '*':
      return state.positional.slice(1).join(' ');
    case 'PWD':
      return state.vars['PWD'] ?? state.cwd;
    default:
      break;
  }
  if (/^\d+$/.test(name)) return state.positional[Number(name)] ?? '';
  const length = /^#(\w+)$/.exec(name);
  if (length) return String([...(state.vars[length[1]!] ?? '')].length);
  const withDefault = /^(\w+)(:?)([-=+?])(.*)$/s.exec(name);
  if (withDefault) {
    const [, variable = '', colon, kind, word = ''] = withDefault;
    const value = state.vars[variable];
    const unset = value === undefined || (colon === ':' && value === '');
    if (kind === '-') return unset ? word : value;
    if (kind === '=') {
      if (unset) state.vars[variable] = word;
      return unset ? word : value;
    }
    if (kind === '+') return unset ? '' : word;
    return value ?? '';
  }
  return state.vars[name] ?? '';
};

export const expandText = (text: string, lookup: (name: string) => string): string => text.replace(placeholder, (_, name: string) => lookup(name));

const globChars = /[*?[]/;

/** A glob component as a regular expression: `*`, `?`, `[abc]`, `[!abc]`, `[a-z]`. */
export const globRegex = (pattern: string): RegExp => {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        let set = pattern.slice(i + 1, close);
        if (set.startsWith('!') || set.startsWith('^')) set = `^${set.slice(1)}`;
        source += `[${set.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
};

/** Expands a glob whose wildcards are in the last path component. */
export const expandGlob = (fs: SimFs, cwd: string, pattern: string): string[] => {
  const slash = pattern.lastIndexOf('/');
  const dir = slash < 0 ? '' : pattern.slice(0, slash + 1);
  const base = pattern.slice(slash + 1);
  if (globChars.test(dir) || !globChars.test(base)) return [pattern];
  const absolute = fs.resolve(dir === '' ? '.' : dir, cwd);
  try {
    if (!fs.stat(absolute).isDirectory) return [pattern];
    const regex = globRegex(base);
    const matches = fs
      .list(absolute)
      .filter((name) => regex.test(name) && (base.startsWith('.') || !name.startsWith('.')))
      .sort(compareNames)
      .map((name) => `${dir}${name}`);
    return matches.length > 0 ? matches : [pattern];
  } catch {
    return [pattern];
  }
};

/** bash sorts glob matches by the locale; in C.UTF-8 that is code point order. */
const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const expandWords = (words: readonly Word[], state: ShellState, fs: SimFs): string[] => {
  const lookup = (name: string) => lookupVariable(state, fs.home, name);
  const out: string[] = [];
  for (const word of words) {
    if (word.kind === 'glob') {
      out.push(...expandGlob(fs, state.cwd, expandText(word.pattern, lookup)));
    } else if (word.text === atWord) {
      // "$@": one word per positional argument.
      out.push(...state.positional.slice(1));
    } else out.push(expandText(word.text, lookup));
  }
  return out;
};

/** For a path argument of a builtin: box path relative to the shell's cwd. */
export const boxPath = (fs: SimFs, cwd: string, path: string): string => (path.startsWith('/') ? posix.normalize(path) : fs.resolve(path, cwd));
