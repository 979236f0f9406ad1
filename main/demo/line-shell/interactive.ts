/**
 * The demo box's login shell on a PTY: a prompt, line editing (arrows, Home/End, Ctrl-A/E/U/K/W,
 * history, Ctrl-L), Ctrl-C that interrupts the running command, Ctrl-D that logs out, bracketed
 * paste, and output with the CR-LF line endings a terminal expects.
 */
import { LineShell } from './run.js';
import { emptyInput } from './pipe.js';
import type { ShellHost, ShellState } from './types.js';

export interface Terminal {
  write(data: string): void;
  onData(listener: (data: string) => void): () => void;
  end(status: number): void;
}

const banner = (host: ShellHost) =>
  [
    'Welcome to the PGX Companion demo box (simulated GB10). Nothing here touches a real machine.',
    'Ubuntu 24.04.3 LTS (GNU/Linux 6.17.0-1014-nvidia aarch64)',
    '',
    'Try: nvidia-smi, docker ps, docker images, free -h, df -h, lscpu, ls ~/models',
    `This shell runs the commands PGX Companion sends plus common ones; it is not a full bash.`,
    '',
  ]
    .map((line) => `${line}\r\n`)
    .join('')
    .replace('simulated GB10', `simulated GB10, ${host.hostname}`);

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

export const startInteractiveShell = (
  host: ShellHost,
  terminal: Terminal,
  options: { env?: Record<string, string>; cols: number; rows: number },
): { resize(cols: number, rows: number): void; close(): void } => {
  const state: ShellState = { cwd: host.fs.home, env: { ...options.env, PWD: host.fs.home }, lastStatus: 0, lastBackgroundPid: undefined, exitRequested: undefined };
  const shell = new LineShell(host, state);
  const history: string[] = [];
  let historyIndex = 0;
  let chars: string[] = [];
  let cursor = 0;
  let running: AbortController | undefined;
  let pasting = false;
  let closed = false;
  let pending = '';

  const prompt = () => {
    const where = state.cwd === host.fs.home ? '~' : state.cwd.startsWith(`${host.fs.home}/`) ? `~${state.cwd.slice(host.fs.home.length)}` : state.cwd;
    return `\x1b[1;32m${host.user}@${host.hostname}\x1b[0m:\x1b[1;34m${where}\x1b[0m$ `;
  };
  const redraw = () => {
    terminal.write(`\r\x1b[K${prompt()}${chars.join('')}`);
    const back = chars.length - cursor;
    if (back > 0) terminal.write(`\x1b[${back}D`);
  };
  const setLine = (text: string) => {
    chars = [...text];
    cursor = chars.length;
    redraw();
  };
  const insert = (text: string) => {
    const added = [...text];
    chars.splice(cursor, 0, ...added);
    cursor += added.length;
    if (cursor === chars.length) terminal.write(text);
    else redraw();
  };

  const finish = (status: number) => {
    if (closed) return;
    closed = true;
    running?.abort();
    terminal.end(status);
  };

  const run = async (line: string) => {
    terminal.write('\r\n');
    if (line.trim()) {
      history.push(line);
    }
    historyIndex = history.length;
    running = new AbortController();
    const controller = running;
    try {
      await shell.runLine(line, {
        write: (t) => terminal.write(crlf(t)),
        error: (t) => terminal.write(crlf(t)),
        stdin: emptyInput,
        signal: controller.signal,
      });
    } finally {
      running = undefined;
    }
    if (state.exitRequested !== undefined) {
      terminal.write('logout\r\n');
      finish(state.exitRequested);
      return;
    }
    chars = [];
    cursor = 0;
    if (!closed) terminal.write(prompt());
  };

  const handleKey = (key: string): void => {
    if (running) {
      if (key === '\x03') {
        terminal.write('^C');
        running.abort();
      }
      return; // no type-ahead while a command runs
    }
    switch (key) {
      case '\r':
      case '\n':
        void run(chars.join(''));
        return;
      case '\x7f':
      case '\b':
        if (cursor > 0) {
          chars.splice(cursor - 1, 1);
          cursor -= 1;
          redraw();
        }
        return;
      case '\x03':
        terminal.write('^C\r\n');
        chars = [];
        cursor = 0;
        terminal.write(prompt());
        return;
      case '\x04':
        if (chars.length === 0) {
          terminal.write('logout\r\n');
          finish(0);
        } else if (cursor < chars.length) {
          chars.splice(cursor, 1);
          redraw();
        }
        return;
      case '\x01':
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        cursor = 0;
        redraw();
        return;
      case '\x05':
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        cursor = chars.length;
        redraw();
        return;
      case '\x15':
        chars = chars.slice(cursor);
        cursor = 0;
        redraw();
        return;
      case '\x0b':
        chars = chars.slice(0, cursor);
        redraw();
        return;
      case '\x17': {
        let start = cursor;
        while (start > 0 && chars[start - 1] === ' ') start -= 1;
        while (start > 0 && chars[start - 1] !== ' ') start -= 1;
        chars.splice(start, cursor - start);
        cursor = start;
        redraw();
        return;
      }
      case '\x0c':
        terminal.write('\x1b[H\x1b[2J');
        redraw();
        return;
      case '\x1b[D':
        if (cursor > 0) {
          cursor -= 1;
          terminal.write('\x1b[D');
        }
        return;
      case '\x1b[C':
        if (cursor < chars.length) {
          cursor += 1;
          terminal.write('\x1b[C');
        }
        return;
      case '\x1b[A':
        if (historyIndex > 0) {
          historyIndex -= 1;
          setLine(history[historyIndex]!);
        }
        return;
      case '\x1b[B':
        if (historyIndex < history.length) {
          historyIndex += 1;
          setLine(history[historyIndex] ?? '');
        }
        return;
      case '\x1b[3~':
        if (cursor < chars.length) {
          chars.splice(cursor, 1);
          redraw();
        }
        return;
      default:
        if (key.startsWith('\x1b')) return; // other escape sequences: ignored
        if (key >= ' ' || key === '\t') insert(key === '\t' ? ' ' : key);
    }
  };

  /** Splits input into keys: escape sequences whole, characters (UTF-8 intact) one by one. */
  const onData = (data: string) => {
    pending += data;
    while (pending.length > 0) {
      if (pasting) {
        const end = pending.indexOf('\x1b[201~');
        const text = end >= 0 ? pending.slice(0, end) : pending;
        // A paste is text: its newlines do not run anything until Enter.
        if (text) insert(text.replace(/\r\n?|\n/g, ' '));
        if (end < 0) {
          pending = '';
          return;
        }
        pasting = false;
        pending = pending.slice(end + 6);
        continue;
      }
      if (pending.startsWith('\x1b[200~')) {
        pasting = true;
        pending = pending.slice(6);
        continue;
      }
      if (pending.startsWith('\x1b')) {
        // eslint-disable-next-line no-control-regex -- terminal escape sequences
        const match = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(pending);
        if (!match) {
          // eslint-disable-next-line no-control-regex -- a partial escape sequence
          if (pending.length < 6 && /^\x1b(\[[0-9;]*)?$/.test(pending)) return; // wait for the rest
          pending = pending.slice(1);
          continue;
        }
        pending = pending.slice(match[0].length);
        handleKey(match[0]);
        continue;
      }
      const [char] = [...pending];
      pending = pending.slice(char!.length);
      handleKey(char!);
    }
  };

  const off = terminal.onData(onData);
  terminal.write(crlf(banner(host)));
  terminal.write(prompt());

  return {
    resize: () => {},
    close: () => {
      off();
      closed = true;
      running?.abort();
    },
  };
};
