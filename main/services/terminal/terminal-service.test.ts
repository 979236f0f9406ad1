/**
 * Terminal tabs below the UI: a real sshd with tmux (TERM, size, resize, Unicode, a cut
 * connection re-attaching to the same shell, a restart finding its scrollback), the demo box
 * without tmux (the tab ends with the link), flow control holding a flood at the watermark,
 * and this computer's shell through node-pty.
 */
import { appConnection, demoServer, sshdServer } from '../../../e2e/harness/app-connection.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../src/domain/terminal.js';
import { startSshd } from '../../../e2e/harness/sshd.js';
import { startDemoBox } from '../../demo/demo-box.js';
import type { SshConnection } from '../../ssh/connection.js';
import { silentLogger } from '../log.js';
import { terminalFlow } from './terminal-flow.js';
import { TerminalService } from './terminal-service.js';

const until = async (probe: () => boolean, timeoutMs: number, what: string, detail: () => string = () => '') => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${detail() ? `: ${detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Escape sequences and carriage returns out, so assertions read the text a person sees. */
// eslint-disable-next-line no-control-regex -- escape sequences are what is being removed
const plain = (text: string) => text.replace(/\x1b\[[0-9;?>=]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07|\r/g, '');

const harness = (connection: (deviceId: string) => SshConnection, autoAck = true) => {
  const output = new Map<string, string>();
  const bytes = new Map<string, number>();
  const states: Array<{ terminalId: string } & TerminalState> = [];
  let service: TerminalService;
  // eslint-disable-next-line prefer-const -- assigned once below; the events need the variable first
  service = new TerminalService({
    connection,
    log: silentLogger,
    events: {
      output: (clientId, terminalId, data, n) => {
        output.set(terminalId, (output.get(terminalId) ?? '') + data);
        bytes.set(terminalId, (bytes.get(terminalId) ?? 0) + n);
        if (autoAck) setImmediate(() => service.ack(clientId, terminalId, n));
      },
      state: (_clientId, terminalId, state) => states.push({ terminalId, ...state }),
    },
  });
  return { service, output, bytes, states, text: (id: string) => plain(output.get(id) ?? '') };
};

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const sshdConnection = async () => {
  const sshd = await startSshd();
  cleanup.push(() => sshd.stop());
  cleanup.push(() => void sshd.sshExec('tmux -L pgx-companion kill-server 2>/dev/null; true'));
  const connection = appConnection(sshdServer(sshd), { random: () => 0 });
  await connection.connect();
  cleanup.push(() => connection.disconnect());
  return { sshd, connection };
};

describe('terminal tabs', () => {
  it('on a real sshd with tmux: TERM, size and resize, Unicode, re-attach after a cut, scrollback after a restart', async () => {
    const { sshd, connection } = await sshdConnection();
    const { service, text, states, output } = harness(() => connection);
    cleanup.push(() => service.dispose());
    const opened = await service.open('w1', 't1', { kind: 'device', deviceId: 'box' }, 100, 30);
    expect(opened.persistence).toBe('tmux');
    expect(opened.session).toMatch(/^pgx-[0-9a-f]{16}$/);
    // Typing before tmux has set up its terminal would be flushed by it, as in any terminal.
    await until(() => /[$#] $/.test(text('t1').trimEnd() + ' '), 10_000, 'the prompt', () => text('t1'));
    service.input('w1', 't1', 'echo "term=$TERM"; stty size\r');
    await until(() => /term=xterm-256color/.test(text('t1')) && /\n30 100\n/.test(text('t1')), 10_000, 'TERM and size', () => JSON.stringify(output.get('t1')));

    service.resize('w1', 't1', 120, 40);
    // The new size travels laptop → sshd → tmux client → tmux server → the pane: let it land.
    await new Promise((r) => setTimeout(r, 500));
    service.input('w1', 't1', 'stty size\r');
    await until(() => /\b40 120\b/.test(text('t1')), 10_000, 'the new size', () => JSON.stringify(output.get('t1')?.slice(-1500)));

    service.input('w1', 't1', 'echo "在 GB10 上 🙂 ok"\r');
    await until(() => /\n在 GB10 上 🙂 ok\n/.test(text('t1')), 10_000, 'Unicode echoed back', () => text('t1').slice(-300));

    // Cut the link: the tab waits, re-attaches to the same shell (same PID), and goes on.
    service.input('w1', 't1', 'echo "pid=$$"\r');
    await until(() => /pid=\d+/.test(text('t1')), 10_000, 'the shell pid');
    const pid = /pid=(\d+)/.exec(text('t1'))![1];
    expect(sshd.cutConnections()).toBeGreaterThan(0);
    await until(() => states.some((s) => s.state === 'reconnecting'), 10_000, 'reconnecting');
    await until(() => states.some((s) => s.state === 'attached' && s.reattached), 30_000, 're-attached');
    service.input('w1', 't1', 'echo "again=$$"\r');
    await until(() => new RegExp(`again=${pid}`).test(text('t1')), 10_000, 'the same shell after the cut', () => text('t1').slice(-300));

    // The window goes away (the app quits): the session stays; opening it again brings its history.
    service.input('w1', 't1', 'echo marker-$((40+2))\r');
    await until(() => /marker-42/.test(text('t1')), 10_000, 'the marker');
    service.forget('w1');
    expect(service.count).toBe(0);
    const again = await service.open('w2', 't2', { kind: 'device', deviceId: 'box' }, 100, 30, { session: opened.session! });
    expect(again.persistence).toBe('tmux');
    expect(plain(again.history)).toMatch(/marker-42/);
    await until(() => /[$#] $/.test(text('t2').trimEnd() + ' '), 10_000, 'the prompt again', () => text('t2'));
    service.input('w2', 't2', 'echo "back=$$"\r');
    await until(() => new RegExp(`back=${pid}`).test(text('t2')), 10_000, 'the same shell after a restart');

    // Closing the tab for good ends the session and its shell.
    service.close('w2', 't2', true);
    await until(() => !/pgx-/.test(sshd.sshExec('tmux -L pgx-companion ls 2>/dev/null; true')), 10_000, 'the session to end');
  });

  it('another window cannot type into a tab it did not open', async () => {
    const { connection } = await sshdConnection();
    const { service } = harness(() => connection);
    cleanup.push(() => service.dispose());
    await service.open('w1', 't1', { kind: 'device', deviceId: 'box' }, 80, 24);
    expect(() => service.input('w2', 't1', 'rm -rf ~\r')).toThrow(/closed/);
  });

  it('a flood without acks stops at the high watermark; acks let it go on', async () => {
    const { connection } = await sshdConnection();
    const { service, bytes } = harness(() => connection, false);
    cleanup.push(() => service.dispose());
    // Without tmux: every byte of the flood comes through (tmux would send redraws instead).
    await service.open('w1', 'flood', { kind: 'device', deviceId: 'box' }, 80, 24, { tmux: false });
    await until(() => (bytes.get('flood') ?? 0) > 0, 10_000, 'the prompt');
    await new Promise((r) => setTimeout(r, 300));
    service.input('w1', 'flood', 'yes | head -c 50000000\r');
    await until(() => (bytes.get('flood') ?? 0) >= terminalFlow.initialBudget, 10_000, 'the budget');
    // Held: the box sends what its window allows (ssh2's first 2 MiB at most), then nothing.
    let held = -1;
    await until(() => {
      const now = bytes.get('flood')!;
      const still = now === held;
      held = now;
      return still;
    }, 10_000, 'the output to stop');
    expect(held).toBeLessThan(2 * 1024 * 1024 + 2 * terminalFlow.batchMaxBytes);
    service.ack('w1', 'flood', held);
    await until(() => (bytes.get('flood') ?? 0) > held + terminalFlow.minBudget / 2, 10_000, 'more output after the ack');
    service.input('w1', 'flood', '\x03');
  });

  it('on the demo box (no tmux): a login shell, and a cut ends the tab with a sentence', async () => {
    const box = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-term-')), log: silentLogger });
    cleanup.push(() => box.stop());
    const connection = appConnection(demoServer(box));
    await connection.connect();
    cleanup.push(() => connection.disconnect());
    const { service, text, states } = harness(() => connection);
    cleanup.push(() => service.dispose());
    const opened = await service.open('w1', 'd1', { kind: 'device', deviceId: 'demo' }, 90, 20);
    expect(opened).toEqual({ persistence: 'none', session: null, history: '' });
    service.input('w1', 'd1', 'echo "term=$TERM"\r');
    await until(() => /term=xterm-256color/.test(text('d1')), 10_000, 'TERM on the demo box', () => text('d1'));
    connection.dropForTest();
    await until(() => states.some((s) => s.state === 'ended'), 10_000, 'the tab to end');
    expect(states.find((s) => s.state === 'ended')).toMatchObject({ reason: 'connection-lost', message: expect.stringMatching(/no tmux/) });
    expect(service.count).toBe(0);
  });

  it('this computer’s shell through node-pty', async () => {
    const { service, text, states } = harness(() => {
      throw new Error('no box here');
    });
    cleanup.push(() => service.dispose());
    expect(service.localAvailability()).toMatchObject({ available: true });
    const opened = await service.open('w1', 'l1', { kind: 'local' }, 80, 24);
    expect(opened.persistence).toBe('local');
    service.input('w1', 'l1', 'echo "local-$((6*7))"; stty size\r');
    await until(() => /local-42/.test(text('l1')) && /\n24 80\n/.test(text('l1')), 10_000, 'the local shell', () => text('l1'));
    service.input('w1', 'l1', 'exit 3\r');
    await until(() => states.some((s) => s.state === 'ended'), 10_000, 'the shell to exit');
    expect(states.find((s) => s.state === 'ended')).toMatchObject({ reason: 'exited', code: 3 });
  });
});
