/**
 * Commands behind a terminal tab on the box. Our tmux sessions live on a tmux server of their own
 * (socket `pgx-companion`), so their options — no status line, the normal screen instead of the
 * alternate one (so xterm keeps the scrollback), a short escape time — never touch the user's
 * own tmux sessions.
 */
import { raw, sh } from '../quote.js';

/** tmux's command separator, escaped from the shell. */
const then = raw('\\;');

export const tmuxSocket = 'pgx-companion';

/** Lines of scrollback tmux keeps per session (the same as the terminal's default). */
export const tmuxHistoryLines = 10_000;

/**
 * One round trip before a tab opens: is tmux there, and (when re-attaching) what the session
 * printed so far. First line `tmux` or `none`; then, for tmux, the session's history (empty when
 * the session does not exist yet).
 */
export const terminalProbeCommand = (session: string): string =>
  'if command -v tmux >/dev/null 2>&1; then echo tmux; ' +
  sh`tmux -L ${tmuxSocket} capture-pane -p -e -J -S -${tmuxHistoryLines} -t ${`=${session}:`} 2>/dev/null; ` +
  'else echo none; fi';

export interface TerminalProbe {
  readonly tmux: boolean;
  /** The session's earlier output, lines joined with CR LF for the terminal; '' when none. */
  readonly history: string;
}

export const readTerminalProbe = (stdout: string): TerminalProbe => {
  const newline = stdout.indexOf('\n');
  const first = (newline === -1 ? stdout : stdout.slice(0, newline)).trim();
  if (first !== 'tmux') return { tmux: false, history: '' };
  // capture-pane pads the screen with empty lines below the cursor: drop them.
  const body = newline === -1 ? '' : stdout.slice(newline + 1).replace(/\n+$/, '');
  return { tmux: true, history: body ? `${body.replace(/\n/g, '\r\n')}\r\n` : '' };
};

/**
 * Attaches to (or creates) our session, in a UTF-8 locale when the box did not set one. The
 * server-wide options come first (they apply when this client attaches), the status line is
 * switched off for the session. Inside, TERM is xterm-256color as in a tab without tmux (tmux's
 * own tmux-256color is missing from many hosts one goes on to ssh into).
 */
export const tmuxAttachCommand = (session: string): string =>
  'LANG="${LANG:-C.UTF-8}" exec ' +
  sh`tmux -u -L ${tmuxSocket} start-server ${then} set-option -s -q terminal-overrides ${'xterm*:smcup@:rmcup@'} ${then} set-option -s -q escape-time 10 ${then} set-option -g -q history-limit ${tmuxHistoryLines} ${then} set-option -g -q default-terminal ${'xterm-256color'} ${then} new-session -A -s ${session} ${then} set-option -q status off`;

/** Ends our session (the user closed the tab for good). */
export const tmuxKillCommand = (session: string): string => sh`tmux -L ${tmuxSocket} kill-session -t ${`=${session}`} 2>/dev/null; true`;
