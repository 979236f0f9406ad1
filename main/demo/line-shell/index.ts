/**
 * The demo box's shell: the laptop may have no POSIX shell (Windows), so the demo box interprets
 * the command forms PGX Companion sends itself, on the simulator's file system and programs.
 */
export type { ProcessTable, ShellHost, ShellStreams } from './types.js';
export { createProcessTable } from './process-table.js';
export { runCommandLine } from './run.js';
export { startInteractiveShell } from './interactive.js';
