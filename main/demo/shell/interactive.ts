/**
 * The demo box's login shell on a PTY: a banner, Ubuntu's prompt, line editing, history,
 * Ctrl-C that interrupts the running command, Ctrl-D that logs out, bracketed paste, and
 * output with the CR-LF line endings a terminal expects (the tty's onlcr).
 */
import { newState, Shell } from './executor.js';
import { LineEditor } from './line-editor.js';
import { emptyInput } from './streams.js';
import type { ShellHost } from './types.js';

export interface Terminal {
  write(data: string): void;
  onData(listener: (data: string) => void): () => void;
  end(status: number): void;
}

const pasteStart = '\x1b[200~';
const pasteEnd = '\x1b[201~';

export const bannerLines = [
  'Welcome to the PGX Companion demo box (simulated GB10). Nothing here touches a real machine.',
  'Ubuntu 24.04.3 LTS (GNU/Linux 6.17.0-1014-nvidia aarch64)',
  '',
  'Try: nvidia-smi, docker ps, free -h, df -h, ls ~/models, cat /proc/meminfo.',
  'This shell runs the commands PGX Companion sends and common utilities; htop, vim and',
  'other full-screen programs are not available here.',
  '',
] as const;

/** Splits terminal input into keys: escape sequences whole, text runs as they are. */
const nextKey = (data: string): { key: string; rest: string } | undefined => {
  if (data.startsWith('\x1b')) {
    // eslint-disable-next-line no-control-regex -- terminal escape sequences
    const match = /^\x1b(\[[0-?]*[ -/]*[@-~]|O[@-~]|[^[O])/.exec(data);
    if (match) return { key: match[0], rest: data.slice(match[0].length) };
    // A sequence cut between two chunks: wait for the rest (a lone Esc longer than that is dropped).
    return data.length < 8 ? undefined : { key: '\x1b', rest: data.slice(1) };
  }
  // eslint-disable-next-line no-control-regex -- control characters are keys
  const text = /^[^\x00-\x1f\x7f]+/.exec(data);
  if (text) return { key: text[0], rest: data.slice(text[0].length) };
  return { key: data[0]!, rest: data.slice(1) };
};

export const startInteractiveShell = (
  host: ShellHost,
  terminal: Terminal,
  options: { env?: Record<string, string>; cols: number; rows: number },
): { resize(cols: number, rows: number): void; close(): void } => {
  const home = host.fs.home;
  const env = { ...options.env, COLUMNS: String(options.cols), LINES: String(options.rows) };
  const shell = new Shell(host, newState({ cwd: home, env, flavor: 'login', positional: ['-bash'] }));
  const editor = new LineEditor();
  let running: AbortController | undefined;
  let pasting = false;
  let closed = false;
  let pending = '';
  const out = (text: string) => {
    if (!closed) terminal.write(text.replace(/\r?\n/g, '\r\n'));
  };

  /** Ubuntu's default PS1: coloured and with an xterm title when the terminal supports it. */
  const prompt = () => {
    const cwd = shell.state.cwd;
    const where = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
    const term = shell.state.vars['TERM'] ?? '';
    const who = `${host.user}@${host.hostname}`;
    if (!/^xterm|-256color$/.test(term)) return `${who}:${where}$ `;
    return `\x1b]0;${who}: ${where}\x07\x1b[01;32m${who}\x1b[00m:\x1b[01;34m${where}\x1b[00m$ `;
  };

  const finish = (status: number) => {
    if (closed) return;
    out('logout\n');
    closed = true;
    off();
    running?.abort();
    terminal.end(status);
  };

  const run = async (line: string) => {
    const controller = new AbortController();
    running = controller;
    try {
      await shell.runLine(line, { write: out, error: out, stdin: emptyInput, signal: controller.signal });
    } catch (error) {
      out(`-bash: ${error instanceof Error ? error.message : String(error)}\n`);
    } finally {
      running = undefined;
    }
    if (shell.state.exitRequested !== undefined) return finish(shell.state.exitRequested);
    if (controller.signal.aborted) out('\n');
    if (!closed) terminal.write(prompt());
    // Keys typed while the command ran are handled now, in order.
    if (pending) handle('');
  };

  const key = (k: string) => {
    if (pasting) {
      // A paste is text: its newlines do not run anything until Enter.
      out(editor.insert(k.replace(/\r\n?|\n/g, ' ')));
      return;
    }
    if (k === '\x03') {
      editor.reset();
      out('^C\n');
      terminal.write(prompt());
      return;
    }
    if (k === '\x0c') {
      terminal.write(`\x1b[H\x1b[2J${prompt()}${editor.render()}`);
      return;
    }
    if (!k.startsWith('\x1b') && k.length > 0 && k.charCodeAt(0) >= 0x20 && k !== '\x7f') {
      out(editor.insert(k));
      return;
    }
    const result = editor.key(k);
    out(result.output);
    if (result.eof) finish(shell.state.lastStatus);
    else if (result.submit !== undefined) void run(result.submit);
  };

  const handle = (data: string) => {
    pending += data;
    while (pending.length > 0 && !closed) {
      if (running) {
        // Only Ctrl-C reaches a running command; other keys wait for the prompt.
        const interrupt = pending.indexOf('\x03');
        if (interrupt < 0) return;
        pending = pending.slice(interrupt + 1);
        out('^C');
        running.abort();
        return;
      }
      if (pending.startsWith(pasteStart)) {
        pasting = true;
        pending = pending.slice(pasteStart.length);
        continue;
      }
      if (pasting) {
        const end = pending.indexOf(pasteEnd);
        const text = end < 0 ? pending : pending.slice(0, end);
        // Keep a possible half of the end marker for the next chunk.
        const keep = end < 0 ? Math.max(0, text.length - (pasteEnd.length - 1)) : text.length;
        const partial = end < 0 && pending.slice(keep).startsWith('\x1b');
        key(partial ? text.slice(0, keep) : text);
        pending = end < 0 ? (partial ? pending.slice(keep) : '') : pending.slice(end + pasteEnd.length);
        if (end >= 0) pasting = false;
        if (partial) return;
        continue;
      }
      const next = nextKey(pending);
      if (!next) return;
      pending = next.rest;
      key(next.key);
    }
  };

  const off = terminal.onData(handle);
  out(`${bannerLines.join('\n')}\n`);
  terminal.write(prompt());

  return {
    resize: (cols, rows) => {
      shell.state.vars['COLUMNS'] = String(cols);
      shell.state.vars['LINES'] = String(rows);
    },
    close: () => {
      if (closed) return;
      closed = true;
      off();
      running?.abort();
    },
  };
};
