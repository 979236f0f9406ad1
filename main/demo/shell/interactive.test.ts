import { describe, expect, it } from 'vitest';
import { startInteractiveShell } from './index.js';
import { eventually, makeHost } from './shell-testing.js';

// eslint-disable-next-line no-control-regex -- strips the terminal's escape sequences
const plain = (text: string) => text.replace(/\x1b\][^\x07]*\x07|\x1b\[[0-9;?]*[A-Za-z]/g, '');

const open = (env: Record<string, string> = { HOME: '/home/demo', TERM: 'xterm-256color' }) => {
  const host = makeHost();
  let screen = '';
  let listener: ((data: string) => void) | undefined;
  let ended: number | undefined;
  const shell = startInteractiveShell(
    host,
    {
      write: (data) => (screen += data),
      onData: (l) => {
        listener = l;
        return () => (listener = undefined);
      },
      end: (status) => (ended = status),
    },
    { env, cols: 80, rows: 24 },
  );
  const prompts = () => plain(screen).split('demo@pgx-demo:').length - 1;
  return {
    host,
    shell,
    type: (data: string) => listener?.(data),
    screen: () => screen,
    text: () => plain(screen),
    prompts,
    /** Everything after the last prompt. */
    last: () => plain(screen).split(/demo@pgx-demo:[^$]*\$ /).at(-1) ?? '',
    ended: () => ended,
    /** Types a line, presses Enter and waits for the next prompt. */
    enter: async (line: string) => {
      const before = prompts();
      listener?.(`${line}\r`);
      await eventually(() => prompts() > before || ended !== undefined);
    },
  };
};

describe('demo box interactive shell', () => {
  it('greets with the banner and Ubuntu’s coloured prompt at ~', () => {
    const term = open();
    expect(term.text()).toContain('Welcome to the PGX Companion demo box (simulated GB10). Nothing here touches a real machine.\r\n');
    expect(term.text()).toContain('Ubuntu 24.04.3 LTS (GNU/Linux 6.17.0-1014-nvidia aarch64)\r\n');
    expect(term.text()).toMatch(/htop/);
    expect(term.screen().endsWith('\x1b[01;32mdemo@pgx-demo\x1b[00m:\x1b[01;34m~\x1b[00m$ ')).toBe(true);
    expect(open({ HOME: '/home/demo', TERM: 'dumb' }).text().endsWith('demo@pgx-demo:~$ ')).toBe(true);
  });

  it('echoes typed text, runs it on Enter with CR-LF output, and shows the cwd in the prompt', async () => {
    const term = open();
    await term.enter('echo 中文 🚀 ok; printf "a\\nb\\n"');
    expect(term.screen()).toContain('echo 中文 🚀 ok; printf "a\\nb\\n"\r\n中文 🚀 ok\r\na\r\nb\r\n');
    await term.enter('mkdir -p models/x && cd models/x');
    expect(term.text().endsWith('demo@pgx-demo:~/models/x$ ')).toBe(true);
    await term.enter('nosuch');
    expect(term.text()).toContain('nosuch: command not found\r\n');
  });

  it('edits the line: backspace, arrows over wide characters, Home/End, Ctrl-U, Ctrl-W, Ctrl-K', async () => {
    const term = open();
    term.type('echo 中X');
    term.type('\x1b[D'); // left over X: one column
    expect(term.screen().endsWith('\x1b[1D')).toBe(true);
    term.type('\x1b[D'); // left over 中: two columns
    expect(term.screen().endsWith('\x1b[2D')).toBe(true);
    term.type('文');
    term.type('\x05\x7f'); // End, Backspace removes X
    await term.enter('');
    expect(term.text()).toContain('\r\n文中\r\n');
    term.type('echo one two\x17three');
    await term.enter('');
    expect(term.text()).toContain('\r\none three\r\n');
    term.type('garbage\x15echo clean');
    await term.enter('');
    expect(term.text()).toContain('\r\nclean\r\n');
    term.type('echo keep rest\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x0b');
    await term.enter('');
    expect(term.text()).toContain('\r\nkeep\r\n');
  });

  it('recalls history with Up and Down, and Down returns to the line being typed', async () => {
    const term = open();
    await term.enter('echo first');
    await term.enter('echo second');
    term.type('\x1b[A\x1b[A');
    await term.enter('');
    expect(term.text().match(/\r\nfirst\r\n/g)).toHaveLength(2);
    term.type('echo draft');
    term.type('\x1b[A\x1b[B');
    await term.enter('');
    expect(term.text()).toContain('\r\ndraft\r\n');
  });

  it('Ctrl-C interrupts a running command and gives a new prompt; on a line it clears the line', async () => {
    const term = open();
    term.type('ticker\r');
    await eventually(() => term.text().includes('tick 2'));
    const before = term.prompts();
    term.type('\x03');
    await eventually(() => term.prompts() > before);
    expect(term.text()).toMatch(/tick \d+\r\n\^C\r\n.*demo@pgx-demo:~\$ $/s);
    await term.enter('echo $?');
    expect(term.text()).toContain('\r\n130\r\n');
    term.type('echo never');
    term.type('\x03');
    expect(term.text().endsWith('echo never^C\r\ndemo@pgx-demo:~$ ')).toBe(true);
    await term.enter('echo after');
    expect(term.text()).toContain('\r\nafter\r\n');
  });

  it('inserts a bracketed paste without running its lines until Enter', async () => {
    const term = open();
    term.type('\x1b[200~echo pasted\r\necho 粘贴\x1b[201~');
    expect(term.text()).not.toContain('\r\npasted');
    await term.enter('');
    expect(term.text()).toContain('\r\npasted echo 粘贴\r\n');
  });

  it('keeps UTF-8 intact when a character arrives in pieces of one key sequence', async () => {
    const term = open();
    term.type('echo ');
    term.type('\x1b');
    term.type('[D\x1b[C中文');
    await term.enter('');
    expect(term.text()).toContain('\r\n中文\r\n');
  });

  it('logs out on Ctrl-D at an empty line and on exit, with the status', async () => {
    const term = open();
    term.type('\x04');
    expect(term.ended()).toBe(0);
    expect(term.text().endsWith('logout\r\n')).toBe(true);
    const other = open();
    await other.enter('exit 3');
    expect(other.ended()).toBe(3);
  });

  it('clears the screen with Ctrl-L and with clear', async () => {
    const term = open();
    term.type('echo x\x0c');
    expect(term.screen().endsWith('\x1b[H\x1b[2J\x1b]0;demo@pgx-demo: ~\x07\x1b[01;32mdemo@pgx-demo\x1b[00m:\x1b[01;34m~\x1b[00m$ echo x')).toBe(true);
    await term.enter('\x15clear');
    expect(term.screen()).toContain('\x1b[H\x1b[2J\x1b[3J');
  });
});
