import { z } from 'zod';

/**
 * Terminals: a PTY on a box (an SSH channel) or on this computer (node-pty). Names and limits
 * shared by main and the renderer.
 */
export const terminalLimits = {
  /** xterm's practical bounds; a PTY larger than this is a bug, not a screen. */
  maxCols: 1000,
  maxRows: 500,
  /** One input call at most (a paste is cut into pieces of this size by the renderer). */
  inputChunkChars: 16_384,
} as const;

/** Our tmux sessions on the box: `pgx-` and a short id, so they never clash with the user's own. */
export const TmuxSession = z.string().regex(/^pgx-[a-z0-9]{4,32}$/, 'a session name of ours (pgx-…)');

export const TerminalTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device'), deviceId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) }),
  z.strictObject({ kind: z.literal('local') }),
]);
export type TerminalTarget = z.infer<typeof TerminalTarget>;

/**
 * How the shell survives: `tmux` (a session of ours on the box: reconnects and restarts re-attach),
 * `none` (no tmux on the box: a dropped link ends the shell), `local` (this computer's shell).
 */
export const TerminalPersistence = z.enum(['tmux', 'none', 'local']);
export type TerminalPersistence = z.infer<typeof TerminalPersistence>;

export const TerminalState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('attached'), persistence: TerminalPersistence, reattached: z.boolean() }),
  /** The link dropped; the tab waits for the reconnect (tmux: the same shell comes back). */
  z.object({ state: z.literal('reconnecting') }),
  /** The shell is gone: it exited, or the link dropped without tmux. */
  z.object({ state: z.literal('ended'), reason: z.enum(['exited', 'connection-lost', 'failed']), code: z.number().nullable(), message: z.string() }),
]);
export type TerminalState = z.infer<typeof TerminalState>;
