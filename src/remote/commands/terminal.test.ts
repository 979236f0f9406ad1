import { describe, expect, it } from 'vitest';
import { readTerminalProbe, terminalProbeCommand, tmuxAttachCommand, tmuxKillCommand } from './terminal.js';

describe('terminal commands', () => {
  it('quote the session and keep tmux separators for tmux, not the shell', () => {
    expect(tmuxAttachCommand('pgx-ab12')).toBe(
      'LANG="${LANG:-C.UTF-8}" exec tmux -u -L pgx-companion start-server \\; set-option -s -q terminal-overrides \'xterm*:smcup@:rmcup@\' \\; set-option -s -q escape-time 10 \\; set-option -g -q history-limit 10000 \\; set-option -g -q default-terminal xterm-256color \\; new-session -A -s pgx-ab12 \\; set-option -q status off',
    );
    expect(tmuxKillCommand('pgx-ab12')).toBe('tmux -L pgx-companion kill-session -t =pgx-ab12 2>/dev/null; true');
    expect(terminalProbeCommand('pgx-ab12')).toContain('capture-pane -p -e -J -S -10000 -t =pgx-ab12: 2>/dev/null');
    // A hostile name is one word for the shell all the same.
    expect(tmuxKillCommand("x'; rm -rf ~")).toContain(`'=x'\\''; rm -rf ~'`);
  });

  it('read the probe: tmux or not, and the history with CR LF line ends and no padding', () => {
    expect(readTerminalProbe('none\n')).toEqual({ tmux: false, history: '' });
    expect(readTerminalProbe('tmux\n')).toEqual({ tmux: true, history: '' });
    expect(readTerminalProbe('tmux\n$ echo hi\nhi\n$ \n\n\n\n')).toEqual({ tmux: true, history: '$ echo hi\r\nhi\r\n$ \r\n' });
  });
});
