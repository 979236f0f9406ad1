/**
 * The demo box's shell: the laptop may have no POSIX shell (Windows), so the demo box
 * interprets the command lines PGX Companion sends itself, on the simulator's files and programs.
 */
import { newState, Shell } from './executor.js';
import { emptyInput } from './streams.js';
import type { ShellHost, ShellStreams } from './types.js';

export type { ProcessTable, ShellHost, ShellStreams } from './types.js';
export { createProcessTable } from './process-table.js';
export { startInteractiveShell, type Terminal } from './interactive.js';

/** Runs one command line as sshd's `bash -c LINE` would; resolves to its exit status. */
export const runCommandLine = (host: ShellHost, line: string, streams: ShellStreams, options: { env?: Record<string, string>; cwd?: string } = {}): Promise<number> => {
  const shell = new Shell(host, newState({ cwd: options.cwd ?? host.fs.home, env: options.env ?? {}, flavor: 'bash' }));
  return shell.runLine(line, { write: streams.write, error: streams.error, stdin: streams.stdin ?? emptyInput, signal: streams.signal });
};
