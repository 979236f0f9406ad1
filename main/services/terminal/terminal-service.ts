/**
 * Terminal tabs: a PTY on a box (an SSH channel, inside our tmux session when the box has tmux)
 * or on this computer (node-pty). Output goes to the window that opened the tab, batched and
 * flow-controlled (terminal-flow.ts); keystrokes, resizes and acks come back by id.
 *
 * With tmux the tab is a kept stream: after a dropped link it re-attaches by itself, and a window
 * that closes leaves the session on the box for the next start. Without tmux the shell lives as
 * long as its channel, and the tab says so when it ends.
 */
import { randomBytes } from 'node:crypto';
import type { ClientChannel } from 'ssh2';
import type { TerminalPersistence, TerminalState, TerminalTarget } from '../../../src/domain/terminal.js';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import { readTerminalProbe, terminalProbeCommand, tmuxAttachCommand, tmuxKillCommand } from '../../../src/remote/commands/terminal.js';
import { controlWindow, type WindowControl } from '../../ssh/channel-window.js';
import { keepStream, type KeptStream } from '../../ssh/kept-stream.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import { TerminalFlow } from './terminal-flow.js';
import { loadNodePty, localShell, spawnLocalPty, type LocalPty } from './local-pty.js';

export const terminalTerm = 'xterm-256color';

export interface TerminalEvents {
  output(clientId: string, terminalId: string, data: string, bytes: number): void;
  state(clientId: string, terminalId: string, state: TerminalState): void;
}

interface Tab {
  readonly id: string;
  readonly clientId: string;
  readonly flow: TerminalFlow;
  cols: number;
  rows: number;
  write(data: string): void;
  resize(): void;
  /** After output or an ack: an SSH tab grants the box what its budget allows. */
  grant?(): void;
  /** `end`: the shell ends too; otherwise a tmux session stays on the box. */
  close(end: boolean): void;
}

export interface OpenedTerminal {
  readonly persistence: TerminalPersistence;
  readonly session: string | null;
  readonly history: string;
}

const newId = () => randomBytes(8).toString('hex');

export class TerminalService {
  readonly #tabs = new Map<string, Tab>();

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly events: TerminalEvents;
      readonly log: Logger;
    },
  ) {}

  /** How many tabs are open (tests check that closing a window closes its tabs). */
  get count(): number {
    return this.#tabs.size;
  }

  /** A window reaches only its own tabs. */
  #tab(clientId: string, terminalId: string): Tab {
    const tab = this.#tabs.get(terminalId);
    if (!tab || tab.clientId !== clientId) throw new AppFailure(appError('not-found', 'That terminal is closed.', 'Open a new tab.'));
    return tab;
  }

  /**
   * Opens a tab under the id the window chose (so it listens before the first byte can arrive:
   * tmux redraws the screen the moment it attaches).
   */
  async open(clientId: string, terminalId: string, target: TerminalTarget, cols: number, rows: number, options: { session?: string; tmux?: boolean } = {}): Promise<OpenedTerminal> {
    if (this.#tabs.has(terminalId)) throw new AppFailure(appError('conflict', 'A terminal with that id is already open.', 'Open the tab again.'));
    return target.kind === 'local' ? this.#openLocal(clientId, terminalId, cols, rows) : this.#openRemote(clientId, terminalId, target.deviceId, cols, rows, options.session, options.tmux ?? true);
  }

  input(clientId: string, terminalId: string, data: string): void {
    this.#tab(clientId, terminalId).write(data);
  }

  resize(clientId: string, terminalId: string, cols: number, rows: number): void {
    const tab = this.#tab(clientId, terminalId);
    tab.cols = cols;
    tab.rows = rows;
    tab.resize();
  }

  ack(clientId: string, terminalId: string, bytes: number): void {
    // Acks for a tab that just closed are normal (they cross the close on the wire).
    const tab = this.#tabs.get(terminalId);
    if (tab?.clientId !== clientId) return;
    tab.flow.ack(bytes);
    tab.grant?.();
  }

  close(clientId: string, terminalId: string, end: boolean): void {
    const tab = this.#tabs.get(terminalId);
    if (!tab || tab.clientId !== clientId) return;
    this.#tabs.delete(terminalId);
    tab.flow.dispose();
    tab.close(end);
  }

  /** A window went away: its tabs close, and tmux sessions stay for the next time. */
  forget(clientId: string): void {
    for (const tab of [...this.#tabs.values()]) if (tab.clientId === clientId) this.close(clientId, tab.id, false);
  }

  localAvailability(): { available: boolean; reason: string; shell: string | null } {
    const module = loadNodePty();
    if (!module.ok) return { available: false, reason: module.reason, shell: null };
    return { available: true, reason: '', shell: localShell() };
  }

  dispose(): void {
    for (const tab of [...this.#tabs.values()]) this.close(tab.clientId, tab.id, false);
  }

  #flow(clientId: string, terminalId: string, control: { pause(): void; resume(): void }): TerminalFlow {
    return new TerminalFlow({
      emit: (data, bytes) => this.deps.events.output(clientId, terminalId, data, bytes),
      pause: () => control.pause(),
      resume: () => control.resume(),
    });
  }

  #ended(tab: Tab, state: Extract<TerminalState, { state: 'ended' }>): void {
    if (!this.#tabs.has(tab.id)) return;
    tab.flow.flush();
    this.deps.events.state(tab.clientId, tab.id, state);
    this.#tabs.delete(tab.id);
    tab.flow.dispose();
  }

  #openLocal(clientId: string, id: string, cols: number, rows: number): OpenedTerminal {
    let pty: LocalPty | undefined;
    const flow = this.#flow(clientId, id, { pause: () => pty?.pause(), resume: () => pty?.resume() });
    const tab: Tab = {
      id,
      clientId,
      flow,
      cols,
      rows,
      write: (data) => pty?.write(data),
      resize: () => pty?.resize(tab.cols, tab.rows),
      close: () => pty?.kill(),
    };
    try {
      pty = spawnLocalPty(cols, rows, {
        data: (text) => flow.pushText(text),
        exit: (code) => this.#ended(tab, { state: 'ended', reason: 'exited', code, message: `The shell exited${code === null ? '' : ` with status ${code}`}.` }),
      });
    } catch (error) {
      throw new AppFailure(appError('unsupported', error instanceof Error ? error.message : String(error), 'Open a terminal on a box instead, or reinstall the app.'));
    }
    this.#tabs.set(id, tab);
    queueMicrotask(() => this.deps.events.state(clientId, id, { state: 'attached', persistence: 'local', reattached: false }));
    return { persistence: 'local', session: null, history: '' };
  }

  async #openRemote(clientId: string, id: string, deviceId: string, cols: number, rows: number, wanted: string | undefined, useTmux: boolean): Promise<OpenedTerminal> {
    const connection = this.deps.connection(deviceId);
    if (connection.status.kind === 'disconnected') await connection.connect();
    await connection.ready();
    const session = wanted ?? `pgx-${newId()}`;
    const probe = useTmux ? readTerminalProbe((await connection.exec(terminalProbeCommand(session), { timeoutMs: 15_000 })).stdout) : { tmux: false, history: '' };
    const pty = () => ({ term: terminalTerm, cols: tab.cols, rows: tab.rows });
    let channel: ClientChannel | undefined;
    // The box's SSH window follows the budget; without it (another ssh2), the channel pauses.
    let window: WindowControl | undefined;
    const flow = this.#flow(clientId, id, { pause: () => window ?? channel?.pause(), resume: () => window ?? channel?.resume() });
    const tab: Tab = {
      id,
      clientId,
      flow,
      cols,
      rows,
      write: (data) => channel?.write(data),
      resize: () => channel?.setWindow(tab.rows, tab.cols, 0, 0),
      close: () => channel?.close(),
      grant: () => window?.refill(flow.budget - flow.inFlight),
    };
    const take = (opened: ClientChannel) => {
      channel = opened;
      window = controlWindow(opened);
    };
    const received = (chunk: Buffer) => {
      flow.push(chunk);
      tab.grant?.();
    };
    this.#tabs.set(id, tab);

    if (!probe.tmux) {
      try {
        take(await connection.shell(pty(), { LANG: 'C.UTF-8' }));
      } catch (error) {
        this.#tabs.delete(id);
        throw error;
      }
      if (!channel) throw new Error('unreachable: the shell channel was just taken');
      let exitCode: number | null | undefined;
      channel.on('data', received);
      channel.stderr.on('data', received);
      channel.on('exit', (code: number | null) => (exitCode = code));
      channel.on('close', () =>
        this.#ended(
          tab,
          exitCode === undefined
            ? { state: 'ended', reason: 'connection-lost', code: null, message: 'The connection dropped and this shell ended with it (the box has no tmux to keep it).' }
            : { state: 'ended', reason: 'exited', code: exitCode, message: `The shell exited${exitCode === null ? '' : ` with status ${exitCode}`}.` },
        ),
      );
      queueMicrotask(() => this.deps.events.state(clientId, id, { state: 'attached', persistence: 'none', reattached: false }));
      return { persistence: 'none', session: null, history: '' };
    }

    let kept: KeptStream | undefined;
    const reattached = probe.history !== '';
    tab.close = (end) => {
      kept?.close();
      if (end) connection.exec(tmuxKillCommand(session), { timeoutMs: 10_000 }).catch((error: unknown) => this.deps.log.warn('terminal: could not end the tmux session', error));
    };
    await new Promise<void>((resolve, reject) => {
      let first = true;
      kept = keepStream(connection, (c) => c.execStream(tmuxAttachCommand(session), { pty: pty() }), {
        data: received,
        opened: (opened, count) => {
          take(opened);
          // A new channel starts unpaused; what the old one had in flight is gone with it.
          if (flow.paused) opened.pause();
          let exited: number | null | undefined;
          opened.on('exit', (code: number | null) => (exited = code));
          opened.once('close', () => {
            if (channel === opened) channel = undefined;
            if (!this.#tabs.has(id)) return;
            if (exited !== undefined) {
              kept?.close();
              this.#ended(tab, { state: 'ended', reason: 'exited', code: exited, message: 'The shell exited, and its tmux session with it.' });
            } else {
              flow.reset();
              this.deps.events.state(clientId, id, { state: 'reconnecting' });
            }
          });
          if (first) {
            first = false;
            resolve();
          }
          this.deps.events.state(clientId, id, { state: 'attached', persistence: 'tmux', reattached: count > 1 || reattached });
        },
        failed: (error) => {
          if (first) {
            first = false;
            this.#tabs.delete(id);
            kept?.close();
            reject(error instanceof AppFailure ? error : new AppFailure(appError('remote-command-failed', `tmux did not start: ${String(error)}`, 'Check tmux on the box: tmux -V')));
            return;
          }
          this.#ended(tab, { state: 'ended', reason: 'failed', code: null, message: `The terminal could not re-attach: ${error instanceof AppFailure ? error.error.message : String(error)}` });
        },
      });
    });
    return { persistence: 'tmux', session, history: probe.history };
  }
}
