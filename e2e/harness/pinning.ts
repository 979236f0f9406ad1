/**
 * Timing measurements want the client and the server on cores of their own: on a 2-core CI
 * machine an unpinned client shares a core with the server and every wake-up costs milliseconds.
 * Where `taskset` exists and there are cores to spare, a command is pinned to one core;
 * elsewhere (macOS, Windows, one core) it runs as is.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const canPin = process.platform === 'linux' && availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** The command line to spawn `command args` on `core` (0-based, wrapped around the cores there are). */
export const pinnedTo = (core: number, command: string, args: readonly string[]): { command: string; args: string[] } =>
  canPin ? { command: 'taskset', args: ['-c', String(core % availableParallelism()), command, ...args] } : { command, args: [...args] };
