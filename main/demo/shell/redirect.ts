/**
 * Redirections of one command: `>`, `>>`, `<`, `2>`, `2>>`, `2>&1`, `>&2`, `&>`, `/dev/null`.
 * Files are opened (created or truncated) before the command runs, as in bash, so
 * `cmd > log 2>&1` leaves an empty log even when cmd writes nothing.
 */
import { posix } from 'node:path';
import { SimFsError } from '../sim/io.js';
import { expandWords } from './expand.js';
import { emptyInput, stringInput } from './streams.js';
import type { Redirect } from './syntax.js';
import type { Io, ShellHost, ShellState } from './types.js';

const noSuchFile = (name: string) => `${name}: No such file or directory`;

/** Why a file cannot be opened for writing, in bash's words; undefined: it can. */
const cannotWrite = (host: ShellHost, path: string, name: string): string | undefined => {
  const fs = host.fs;
  const parent = posix.dirname(path);
  if (!fs.exists(parent)) return noSuchFile(name);
  if (!fs.stat(parent).isDirectory) return `${name}: Not a directory`;
  if (fs.exists(path) && fs.stat(path).isDirectory) return `${name}: Is a directory`;
  return undefined;
};

/** A writer into a box file; a full disk mid-stream is reported once, as the writer would. */
const fileSink = (host: ShellHost, path: string, report: (message: string) => void): ((text: string) => void) => {
  let failed = false;
  return (text) => {
    if (failed || text.length === 0) return;
    try {
      host.fs.writeText(path, text, { append: true });
    } catch (error) {
      failed = true;
      if (error instanceof SimFsError && error.code === 'ENOSPC') report('write error: No space left on device');
      else report(`write error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
};

/**
 * Applies the redirections left to right onto io. Returns the new io, or the message of the
 * first that fails (the command then does not run, status 1).
 */
export const applyRedirects = (
  host: ShellHost,
  state: ShellState,
  redirects: readonly Redirect[],
  io: Io,
  commandName: string,
): { ok: true; io: Io } | { ok: false; message: string } => {
  let { write, error, stdin } = io;
  const fs = host.fs;
  for (const redirect of redirects) {
    if (redirect.mode === 'dup') {
      if (redirect.fd === 2 && redirect.target === 1) error = write;
      else if (redirect.fd === 1 && redirect.target === 2) write = error;
      continue;
    }
    const words = expandWords([redirect.target as Exclude<Redirect['target'], number>], state, fs);
    if (words.length !== 1) return { ok: false, message: `${(redirect.target as { pattern?: string }).pattern ?? ''}: ambiguous redirect` };
    const name = words[0]!;
    if (name === '') return { ok: false, message: ': No such file or directory' };
    if (redirect.mode === 'read') {
      if (name === '/dev/null' || name === '/dev/zero') {
        stdin = emptyInput;
        continue;
      }
      if (name === '/dev/stdin') continue;
      const path = posix.resolve(state.cwd, name);
      const virtual = host.virtualFile(path);
      if (virtual !== undefined) {
        stdin = stringInput(virtual);
        continue;
      }
      if (!fs.exists(path)) return { ok: false, message: noSuchFile(name) };
      if (fs.stat(path).isDirectory) return { ok: false, message: `${name}: Is a directory` };
      stdin = stringInput(fs.readText(path));
      continue;
    }
    let sink: (text: string) => void;
    if (name === '/dev/null') sink = () => {};
    else if (name === '/dev/stderr') sink = io.error;
    else if (name === '/dev/stdout' || name === '/dev/tty') sink = io.write;
    else {
      const path = posix.resolve(state.cwd, name);
      const problem = cannotWrite(host, path, name);
      if (problem) return { ok: false, message: problem };
      try {
        if (redirect.mode === 'write' || !fs.exists(path)) fs.writeText(path, '');
      } catch (cause) {
        if (cause instanceof SimFsError && cause.code === 'ENOSPC') return { ok: false, message: `${name}: No space left on device` };
        throw cause;
      }
      const report = (message: string) => io.error(`${commandName}: ${message}\n`);
      sink = fileSink(host, path, report);
    }
    if (redirect.fd === 1) write = sink;
    else if (redirect.fd === 2) error = sink;
    else if (redirect.fd === 'both') {
      write = sink;
      error = sink;
    }
  }
  return { ok: true, io: { write, error, stdin, signal: io.signal } };
};
