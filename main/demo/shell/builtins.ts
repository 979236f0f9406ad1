/** Every builtin and utility by name, and which of them bash itself implements. */
import { dataBuiltins } from './builtins-data.js';
import { fileBuiltins } from './builtins-files.js';
import { findBuiltins } from './builtins-find.js';
import { grepBuiltins } from './builtins-grep.js';
import { infoBuiltins } from './builtins-info.js';
import { listBuiltins } from './builtins-list.js';
import { outputBuiltins } from './builtins-output.js';
import { permBuiltins } from './builtins-perm.js';
import { processBuiltins } from './builtins-process.js';
import { shellStateBuiltins } from './builtins-shell.js';
import { textBuiltins } from './builtins-text.js';
import type { Builtin } from './types.js';

export const builtins: Readonly<Record<string, Builtin>> = {
  ...outputBuiltins,
  ...fileBuiltins,
  ...listBuiltins,
  ...findBuiltins,
  ...textBuiltins,
  ...grepBuiltins,
  ...infoBuiltins,
  ...processBuiltins,
  ...dataBuiltins,
  ...permBuiltins,
  ...shellStateBuiltins,
};

/**
 * Names bash runs itself: they beat a simulated program of the same name, `command -v` prints
 * the bare name, and `type` says "is a shell builtin".
 */
export const shellBuiltins: ReadonlySet<string> = new Set(['cd', 'pwd', 'echo', 'printf', 'true', 'false', ':', 'exit', 'export', 'unset', 'test', '[', 'kill', 'command', 'type', 'read', 'wait', 'umask', 'set']);
