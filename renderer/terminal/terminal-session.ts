/**
 * One terminal tab: an xterm.js instance bound to a PTY in main. Everything here is imperative and
 * outside React — bytes go from the bridge event straight into xterm, and are acknowledged once
 * xterm has parsed them (main pauses the PTY when too much is unacknowledged; terminal-flow.ts).
 *
 * The xterm lives in its own element, created once: the page moves that element in and out of
 * its layout, so switching pages keeps the screen, the scrollback and the running shell.
 */
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import type { AppError } from '../../src/contract/errors.js';
import type { TerminalSettings } from '../../src/domain/settings.js';
import { terminalLimits, type TerminalPersistence, type TerminalState, type TerminalTarget } from '../../src/domain/terminal.js';
import { bridge } from '../bridge/bridge.js';

export const terminalUi = {
  /** Parsed bytes are acknowledged in groups this large (or after ackDelayMs, whichever first). */
  ackBytes: 16 * 1024,
  ackDelayMs: 10,
  /** A resize waits this long for the pane to settle (dragging a window edge sends dozens). */
  resizeDebounceMs: 60,
} as const;

/** What the e2e flood test and the bench read: bytes xterm has parsed, and when it last did. */
export interface TerminalStats {
  parsedBytes: number;
  lastParsedAt: number;
  /** Called with each parsed batch's text (tests look for an echoed key in a flood). */
  probe?: (text: string, at: number) => void;
}

export interface SessionEvents {
  state(state: TerminalState): void;
  opened(info: { persistence: TerminalPersistence; session: string | null }): void;
  failed(error: AppError): void;
}

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Splits text into input calls without cutting a surrogate pair (an emoji) in half. */
export const inputChunks = (text: string, size: number = terminalLimits.inputChunkChars): string[] => {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks;
};

let software: boolean | undefined;

/** Whether WebGL here is emulated on the CPU (read once from the GL renderer's name). */
const softwareGl = (): boolean => {
  if (software === undefined) {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      const name = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
      software = !gl || /swiftshader|llvmpipe|softpipe|software/i.test(name);
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      software = true;
    }
  }
  return software;
};

export class TerminalSession {
  readonly id = randomId();
  readonly element: HTMLDivElement;
  readonly term: Terminal;
  readonly search: SearchAddon;
  readonly stats: TerminalStats = { parsedBytes: 0, lastParsedAt: 0 };
  #fit = new FitAddon();
  #webgl: WebglAddon | undefined;
  #unacked = 0;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  #resizeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Keys typed while the PTY is still opening wait for it (main has no tab to take them yet). */
  #markOpened: () => void = () => {};
  #inputQueue: Promise<void> = new Promise<void>((resolve) => (this.#markOpened = resolve));
  /** Output that arrived before the open call answered (tmux redraws at once): written after the history. */
  #early: Array<{ data: string; bytes: number }> | undefined = [];
  #closed = false;
  #observer: ResizeObserver | undefined;

  constructor(
    readonly target: TerminalTarget,
    settings: TerminalSettings,
    theme: ITheme,
    private readonly events: SessionEvents,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'term__screen';
    this.element.dataset['terminalId'] = this.id;
    this.term = new Terminal({
      allowProposedApi: true,
      cursorBlink: true,
      fontFamily: settings.fontFamily,
      fontSize: settings.fontSize,
      scrollback: settings.scrollback,
      theme,
      // Option-as-Meta on macOS, as terminal users expect for word motions.
      macOptionIsMeta: true,
    });
    this.search = new SearchAddon();
    this.term.loadAddon(this.#fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(new WebLinksAddon((event, uri) => {
      event.preventDefault();
      window.open(uri, '_blank', 'noopener,noreferrer');
    }));
    this.term.onData((data) => this.send(data));
    this.term.onBinary((data) => this.send(data));
    this.term.onResize(({ cols, rows }) => this.#sendResize(cols, rows));
    this.term.onSelectionChange(() => {
      if (this.copyOnSelect && this.term.hasSelection()) void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => {});
    });
    this.copyOnSelect = settings.copyOnSelect;
    this.useTmux = settings.useTmux;
    this.term.open(this.element);
    if (settings.gpuAcceleration) this.#loadWebgl();
  }

  copyOnSelect: boolean;
  readonly useTmux: boolean;

  /** The screen as text, one string per line of the active buffer (tests and the bench read it). */
  text(): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines;
  }

  /** The renderer in use, for the status line and tests: WebGL, or xterm's DOM renderer when WebGL is missing. */
  get renderer(): 'webgl' | 'dom' {
    return this.#webgl ? 'webgl' : 'dom';
  }

  #loadWebgl(): void {
    // Software GL (SwiftShader, llvmpipe: a VM, a remote desktop) draws far slower than xterm's
    // DOM renderer: WebGL only where a real GPU does the work.
    if (softwareGl()) return;
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        // The GPU process restarted or the context was taken back: carry on with the DOM renderer.
        webgl.dispose();
        this.#webgl = undefined;
      });
      this.term.loadAddon(webgl);
      this.#webgl = webgl;
    } catch {
      this.#webgl = undefined;
    }
  }

  /** Opens the PTY (re-attaching `session` when given) at the size the element has now. */
  async start(session?: string): Promise<void> {
    const { cols, rows } = this.#measure();
    const result = await bridge().call('terminal:open', { terminalId: this.id, target: this.target, cols, rows, tmux: this.useTmux, ...(session ? { session } : {}) });
    if (!result.ok) {
      this.#early = undefined;
      this.#markOpened();
      this.events.failed(result.error);
      return;
    }
    if (result.value.history) this.term.write(result.value.history);
    const early = this.#early ?? [];
    this.#early = undefined;
    for (const chunk of early) this.#write(chunk.data, chunk.bytes);
    // The element was placed (or resized) while the PTY opened: the PTY takes the screen's size
    // now, before anything is typed (no debounce: nobody is dragging a window edge yet).
    this.fit();
    if (this.term.cols !== cols || this.term.rows !== rows) await bridge().call('terminal:resize', { terminalId: this.id, cols: this.term.cols, rows: this.term.rows });
    this.#markOpened();
    this.events.opened({ persistence: result.value.persistence, session: result.value.session });
  }

  /** A batch of output from main. */
  output(data: string, bytes: number): void {
    if (this.#early) this.#early.push({ data, bytes });
    else this.#write(data, bytes);
  }

  stateChanged(state: TerminalState): void {
    this.events.state(state);
  }

  #write(data: string, bytes: number): void {
    this.term.write(data, () => {
      const now = performance.now();
      this.stats.parsedBytes += bytes;
      this.stats.lastParsedAt = now;
      this.stats.probe?.(data, now);
      this.#acknowledge(bytes);
    });
  }

  #acknowledge(bytes: number): void {
    if (this.#closed) return;
    this.#unacked += bytes;
    const flush = () => {
      if (this.#ackTimer) clearTimeout(this.#ackTimer);
      this.#ackTimer = undefined;
      const n = this.#unacked;
      this.#unacked = 0;
      if (n > 0 && !this.#closed) void bridge().call('terminal:ack', { terminalId: this.id, bytes: n });
    };
    if (this.#unacked >= terminalUi.ackBytes) flush();
    else this.#ackTimer ??= setTimeout(flush, terminalUi.ackDelayMs);
  }

  /** Keystrokes and pastes, in order, cut into pieces main accepts (a 1 MB paste is many calls). */
  send(data: string): void {
    if (this.#closed) return;
    for (const chunk of inputChunks(data)) {
      this.#inputQueue = this.#inputQueue.then(async () => {
        if (this.#closed) return;
        const result = await bridge().call('terminal:input', { terminalId: this.id, data: chunk });
        if (!result.ok && !this.#closed) this.events.failed(result.error);
      });
    }
  }

  /** Types text as a paste (bracketed when the shell asked for it). */
  paste(text: string): void {
    this.term.paste(text);
  }

  #measure(): { cols: number; rows: number } {
    const size = this.#fit.proposeDimensions();
    const cols = Math.max(2, Math.min(terminalLimits.maxCols, size?.cols ?? 80));
    const rows = Math.max(1, Math.min(terminalLimits.maxRows, size?.rows ?? 24));
    return Number.isFinite(cols) && Number.isFinite(rows) ? { cols, rows } : { cols: 80, rows: 24 };
  }

  fit(): void {
    if (!this.element.isConnected || this.element.clientWidth === 0) return;
    const { cols, rows } = this.#measure();
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
  }

  #sendResize(cols: number, rows: number): void {
    if (this.#resizeTimer) clearTimeout(this.#resizeTimer);
    this.#resizeTimer = setTimeout(() => {
      if (!this.#closed && this.#early === undefined) void bridge().call('terminal:resize', { terminalId: this.id, cols, rows });
    }, terminalUi.resizeDebounceMs);
  }

  /** Puts the screen into `container` and follows its size. */
  attach(container: HTMLElement): void {
    if (this.element.parentElement !== container) container.appendChild(this.element);
    this.#observer?.disconnect();
    this.#observer = new ResizeObserver(() => this.fit());
    this.#observer.observe(container);
    this.fit();
  }

  detach(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.element.remove();
  }

  applySettings(settings: TerminalSettings, theme: ITheme): void {
    this.term.options.fontFamily = settings.fontFamily;
    this.term.options.fontSize = settings.fontSize;
    this.term.options.scrollback = settings.scrollback;
    this.term.options.theme = theme;
    this.copyOnSelect = settings.copyOnSelect;
    this.fit();
  }

  /** Closes the tab; `end` ends the shell too (its tmux session), otherwise tmux keeps it. */
  close(end: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ackTimer) clearTimeout(this.#ackTimer);
    if (this.#resizeTimer) clearTimeout(this.#resizeTimer);
    void bridge().call('terminal:close', { terminalId: this.id, end });
    this.detach();
    this.term.dispose();
  }
}
