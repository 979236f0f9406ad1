import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { TerminalPersistence, TerminalTarget, TmuxSession, terminalLimits } from '../../domain/terminal.js';

const Cols = z.number().int().min(2).max(terminalLimits.maxCols);
const Rows = z.number().int().min(1).max(terminalLimits.maxRows);

export const terminalMethods = {
  /**
   * Opens a PTY: on a box, inside our tmux session `session` when tmux exists there (created, or
   * re-attached after a restart) unless `tmux` is false, else the login shell; or this computer's shell. Output arrives
   * as terminal:output, to this window only.
   */
  'terminal:open': {
    /** `terminalId` is the window's own random id, so it listens before the first byte arrives. */
    request: z.strictObject({ terminalId: Id, target: TerminalTarget, cols: Cols, rows: Rows, session: TmuxSession.optional(), tmux: z.boolean().optional() }),
    response: z.object({
      persistence: TerminalPersistence,
      /** The tmux session (store it to re-attach after a restart); null without tmux. */
      session: z.string().nullable(),
      /** What the shell had printed before, for a re-attached tmux session (its scrollback). */
      history: z.string(),
    }),
  },
  /** Keystrokes or a piece of a paste, as text (UTF-8 on the wire to the PTY). */
  'terminal:input': {
    request: z.strictObject({ terminalId: Id, data: z.string().min(1).max(terminalLimits.inputChunkChars) }),
    response: Empty,
  },
  'terminal:resize': {
    request: z.strictObject({ terminalId: Id, cols: Cols, rows: Rows }),
    response: Empty,
  },
  /** The renderer has parsed this many more bytes of output (flow control: see terminal-flow.ts). */
  'terminal:ack': {
    request: z.strictObject({ terminalId: Id, bytes: z.number().int().min(1).max(1 << 30) }),
    response: Empty,
  },
  /**
   * Closes the tab. `end`: the shell ends too (tmux session killed); without it, a tmux session
   * stays on the box to re-attach later (a window closing, the app quitting).
   */
  'terminal:close': {
    request: z.strictObject({ terminalId: Id, end: z.boolean() }),
    response: Empty,
  },
  /** Whether a shell on this computer can be offered, and where it would run. */
  'terminal:local-availability': {
    request: Empty,
    response: z.object({ available: z.boolean(), reason: z.string(), shell: z.string().nullable() }),
  },
} as const;
