/**
 * The open terminal tabs. React sees a small view of each tab (title, state); the sessions
 * themselves — xterm, bytes, acks — live in a plain map outside React.
 *
 * Tabs on a box with tmux are remembered (box, tmux session) in localStorage: after a reload or
 * an app restart they open again and re-attach to the same shell, its history written first.
 */
import type { ITheme } from '@xterm/xterm';
import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { TerminalSettings } from '../../src/domain/settings.js';
import { TerminalSettings as TerminalSettingsSchema } from '../../src/domain/settings.js';
import type { TerminalPersistence, TerminalTarget } from '../../src/domain/terminal.js';
import { bridge } from '../bridge/bridge.js';
import { useSettingsStore } from '../state/settings-store.js';
import { TerminalSession, type TerminalStats } from './terminal-session.js';

export type TabPhase = 'opening' | 'attached' | 'reconnecting' | 'ended';

export interface TabView {
  readonly key: string;
  readonly target: TerminalTarget;
  readonly title: string;
  readonly phase: TabPhase;
  readonly persistence: TerminalPersistence | undefined;
  readonly session: string | null;
  /** Why it ended, or why it could not open. */
  readonly message: string | undefined;
  readonly error: AppError | undefined;
}

interface TerminalStore {
  readonly tabs: readonly TabView[];
  /** The tab shown, per scope (a box's id, or 'local'). */
  readonly active: Readonly<Record<string, string>>;
}

export const useTerminalStore = create<TerminalStore>()(() => ({ tabs: [], active: {} }));

const sessions = new Map<string, TerminalSession>();
const byTerminalId = new Map<string, TerminalSession>();

export const terminalSession = (key: string): TerminalSession | undefined => sessions.get(key);

export const scopeOf = (target: TerminalTarget): string => (target.kind === 'local' ? 'local' : target.deviceId);

const patchTab = (key: string, patch: Partial<TabView>) =>
  useTerminalStore.setState((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? { ...t, ...patch } : t)) }));

// ---- remembered tmux tabs --------------------------------------------------------------------

const storageKey = 'pgx.terminal.tabs';

interface Remembered {
  readonly deviceId: string;
  readonly session: string;
  readonly title: string;
}

const remembered = (): Remembered[] => {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(value) ? (value as Remembered[]).filter((r) => typeof r?.deviceId === 'string' && /^pgx-[a-z0-9]{4,32}$/.test(r?.session) && typeof r?.title === 'string') : [];
  } catch {
    return [];
  }
};

const remember = () => {
  const tabs = useTerminalStore.getState().tabs;
  const keep = tabs.flatMap((t) => (t.target.kind === 'device' && t.persistence === 'tmux' && t.session && t.phase !== 'ended' ? [{ deviceId: t.target.deviceId, session: t.session, title: t.title }] : []));
  localStorage.setItem(storageKey, JSON.stringify(keep));
};

// ---- theme ---------------------------------------------------------------------------------------

const themes: Record<'light' | 'dark', ITheme> = {
  light: { background: '#fbfbfc', foreground: '#1b1f24', cursor: '#3b6fd4', selectionBackground: '#b9d1ff', black: '#1b1f24', brightBlack: '#6b7280' },
  dark: { background: '#101214', foreground: '#e6e9ed', cursor: '#8ab4ff', selectionBackground: '#33476b', black: '#101214', brightBlack: '#7d8590' },
};

export const terminalTheme = (): ITheme => themes[document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light'];

const currentSettings = (): TerminalSettings => useSettingsStore.getState().settings?.terminal ?? TerminalSettingsSchema.parse({});

// ---- events from main ------------------------------------------------------------------------------

let following = false;

/** Routes terminal output and state to the sessions (installed once, on first use). */
const follow = () => {
  if (following) return;
  following = true;
  bridge().on('terminal:output', ({ terminalId, data, bytes }) => byTerminalId.get(terminalId)?.output(data, bytes));
  bridge().on('terminal:state', (event) => byTerminalId.get(event.terminalId)?.stateChanged(event));
  // Settings changed (here or in another window): open tabs follow at once.
  useSettingsStore.subscribe((state, previous) => {
    if (state.settings?.terminal !== previous.settings?.terminal) for (const s of sessions.values()) s.applySettings(currentSettings(), terminalTheme());
  });
  new MutationObserver(() => {
    for (const s of sessions.values()) s.applySettings(currentSettings(), terminalTheme());
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
};

// ---- tabs ----------------------------------------------------------------------------------------

let counter = 0;

/**
 * Types once the shell has drawn its prompt and gone quiet for a moment: text sent before tmux or
 * the shell set up the terminal is flushed by them, as in any terminal.
 */
const typeWhenReady = (terminal: TerminalSession, text: string) => {
  const started = performance.now();
  const check = () => {
    const { parsedBytes, lastParsedAt } = terminal.stats;
    const quiet = parsedBytes > 0 && performance.now() - lastParsedAt > 200;
    if (quiet || performance.now() - started > 5_000) terminal.paste(text);
    else setTimeout(check, 50);
  };
  check();
};

/** Opens a tab (on a box, or this computer); with `session`, re-attaches that tmux session. */
export const openTab = (target: TerminalTarget, title: string, session?: string, initialInput?: string): string => {
  follow();
  const key = `tab-${++counter}`;
  const tab: TabView = { key, target, title, phase: 'opening', persistence: undefined, session: session ?? null, message: undefined, error: undefined };
  const terminal = new TerminalSession(target, currentSettings(), terminalTheme(), {
    opened: ({ persistence, session: name }) => {
      patchTab(key, { persistence, session: name, phase: 'attached' });
      remember();
      if (initialInput) typeWhenReady(terminal, initialInput);
    },
    state: (state) => {
      if (state.state === 'attached') patchTab(key, { phase: 'attached', persistence: state.persistence });
      else if (state.state === 'reconnecting') patchTab(key, { phase: 'reconnecting' });
      else {
        patchTab(key, { phase: 'ended', message: state.message });
        remember();
      }
    },
    failed: (error) => patchTab(key, { phase: 'ended', error, message: error.message }),
  });
  sessions.set(key, terminal);
  byTerminalId.set(terminal.id, terminal);
  useTerminalStore.setState((s) => ({ tabs: [...s.tabs, tab], active: { ...s.active, [scopeOf(target)]: key } }));
  void terminal.start(session);
  return key;
};

/** Closes a tab: `end` (the user closed it) ends the shell too; a tmux session is killed. */
export const closeTab = (key: string, end = true) => {
  const session = sessions.get(key);
  session?.close(end);
  sessions.delete(key);
  if (session) byTerminalId.delete(session.id);
  useTerminalStore.setState((s) => {
    const closing = s.tabs.find((t) => t.key === key);
    const tabs = s.tabs.filter((t) => t.key !== key);
    const active = { ...s.active };
    if (closing) {
      const scope = scopeOf(closing.target);
      if (active[scope] === key) {
        const next = tabs.filter((t) => scopeOf(t.target) === scope).at(-1);
        if (next) active[scope] = next.key;
        else delete active[scope];
      }
    }
    return { tabs, active };
  });
  remember();
};

/** Opens the tab again in place (a shell that ended, a box that came back). */
export const reopenTab = (key: string) => {
  const tab = useTerminalStore.getState().tabs.find((t) => t.key === key);
  if (!tab) return;
  closeTab(key, false);
  openTab(tab.target, tab.title, tab.persistence === 'tmux' && tab.session ? tab.session : undefined);
};

export const activateTab = (scope: string, key: string) => useTerminalStore.setState((s) => ({ active: { ...s.active, [scope]: key } }));

let restored = false;

/** After a reload or a restart: the remembered tmux tabs open again and re-attach. */
export const restoreTabs = (knownDevices: readonly string[]) => {
  if (restored) return;
  restored = true;
  for (const r of remembered()) if (knownDevices.includes(r.deviceId)) openTab({ kind: 'device', deviceId: r.deviceId }, r.title, r.session);
};

/** Opens a new tab on a box with a command typed in (not run: the user reads it and presses Enter). */
export const openInTerminal = (deviceId: string, title: string, command: string) => openTab({ kind: 'device', deviceId }, title, undefined, command);

/** Stats of every open tab by terminal id (the e2e flood test and the bench read these). */
declare global {
  interface Window {
    pgxTerminal?: {
      stats(terminalId: string): TerminalStats | undefined;
      text(terminalId: string): string[] | undefined;
      size(terminalId: string): { cols: number; rows: number; renderer: 'webgl' | 'dom' } | undefined;
      /**
       * The screen's own limit, for the bench: MiB/s at which this tab's xterm parses and draws
       * `lines` lines of `columns` characters fed from the page itself (no SSH, no backend), with
       * up to `queueBytes` queued as the flow control would allow.
       */
      screenLimit(terminalId: string, lines: number, columns: number, queueBytes: number): Promise<number> | undefined;
    };
  }
}
window.pgxTerminal = {
  stats: (terminalId) => byTerminalId.get(terminalId)?.stats,
  text: (terminalId) => byTerminalId.get(terminalId)?.text(),
  size: (terminalId) => {
    const s = byTerminalId.get(terminalId);
    return s ? { cols: s.term.cols, rows: s.term.rows, renderer: s.renderer } : undefined;
  },
  screenLimit: (terminalId, lines, columns, queueBytes) => {
    const term = byTerminalId.get(terminalId)?.term;
    if (!term) return undefined;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    // A handful of distinct lines, as base64 text is: each line differs from the one above it.
    const samples = Array.from({ length: 16 }, (_, k) => Array.from({ length: columns }, (_, i) => alphabet[(i * 7 + k * 13) % 64]).join('') + '\r\n');
    const chunkLines = Math.max(1, Math.floor(16_384 / (columns + 2)));
    return new Promise<number>((resolve) => {
      const started = performance.now();
      let written = 0;
      let parsed = 0;
      let queued = 0;
      const pump = () => {
        while (written < lines && queued < queueBytes) {
          const n = Math.min(chunkLines, lines - written);
          const chunk = Array.from({ length: n }, (_, i) => samples[(written + i) % samples.length]).join('');
          written += n;
          queued += chunk.length;
          term.write(chunk, () => {
            queued -= chunk.length;
            parsed += n;
            if (parsed === lines) resolve((lines * (columns + 2)) / 2 ** 20 / ((performance.now() - started) / 1000));
            else pump();
          });
        }
      };
      pump();
    });
  },
};

export const localAvailability = async (): Promise<{ available: boolean; reason: string; shell: string | null }> => {
  const result = await bridge().call('terminal:local-availability', {});
  return result.ok ? result.value : { available: false, reason: result.error.message, shell: null };
};
