import { ChevronDown, ChevronUp, Laptop, Plus, RotateCcw, Search, SquareTerminal, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Welcome } from '../../app/Welcome.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/Notice.js';
import { boxName } from '../../devices/box-name.js';
import { useDevicesStore, useSelectedDevice } from '../../state/devices-store.js';
import { useSettingsStore } from '../../state/settings-store.js';
import {
  activateTab,
  closeTab,
  localAvailability,
  openTab,
  reopenTab,
  restoreTabs,
  scopeOf,
  terminalSession,
  useTerminalStore,
  type TabView,
} from '../../terminal/terminal-store.js';

const isMac = navigator.platform.toLowerCase().includes('mac');

/** The pane of the active tab: moves that tab's xterm element in, and out again on switch. */
const Screen = ({ tab, onPaste }: { tab: TabView; onPaste: (text: string) => void }) => {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const session = terminalSession(tab.key);
    const el = host.current;
    if (!session || !el) return;
    session.attach(el);
    session.term.focus();
    // Multi-line pastes are held for a confirmation (a stray newline runs a command).
    const onPasteEvent = (event: ClipboardEvent) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!/[\r\n]/.test(text.replace(/[\r\n]+$/, '')) || !useSettingsStore.getState().settings?.terminal.confirmMultilinePaste) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onPaste(text);
    };
    el.addEventListener('paste', onPasteEvent, { capture: true });
    return () => {
      el.removeEventListener('paste', onPasteEvent, { capture: true });
      session.detach();
    };
  }, [tab.key, onPaste]);
  return <div ref={host} className="term__host" data-testid="terminal-screen" data-terminal-id={terminalSession(tab.key)?.id} />;
};

const SearchBar = ({ tabKey, onClose }: { tabKey: string; onClose: () => void }) => {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<boolean | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const find = (forward: boolean) => {
    const search = terminalSession(tabKey)?.search;
    if (!search || !query) return;
    setFound(forward ? search.findNext(query) : search.findPrevious(query));
  };
  const close = () => {
    terminalSession(tabKey)?.search.clearDecorations();
    onClose();
    terminalSession(tabKey)?.term.focus();
  };
  return (
    <div className="term__search" role="search" data-testid="terminal-search">
      <Search size={14} aria-hidden />
      <input
        ref={input}
        value={query}
        aria-label={t('terminal.search')}
        placeholder={t('terminal.search')}
        onChange={(e) => {
          setQuery(e.target.value);
          setFound(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') find(!e.shiftKey);
          if (e.key === 'Escape') close();
        }}
      />
      {found === false ? <span className="small muted">{t('terminal.notFound')}</span> : null}
      <button type="button" className="icon-button" aria-label={t('terminal.previous')} onClick={() => find(false)}>
        <ChevronUp size={14} />
      </button>
      <button type="button" className="icon-button" aria-label={t('terminal.next')} onClick={() => find(true)}>
        <ChevronDown size={14} />
      </button>
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={close}>
        <X size={14} />
      </button>
    </div>
  );
};

const TerminalPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const devices = useDevicesStore((s) => s.views);
  const tabs = useTerminalStore((s) => s.tabs);
  const active = useTerminalStore((s) => s.active);
  const [local, setLocal] = useState<{ available: boolean; reason: string; shell: string | null } | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [scopeChoice, setScope] = useState<'device' | 'local'>('device');

  useEffect(() => {
    void localAvailability().then(setLocal);
  }, []);
  useEffect(() => {
    if (devices.length > 0) restoreTabs(devices.map((d) => d.device.id));
  }, [devices]);

  const deviceId = view?.device.id;
  const scope = scopeChoice === 'local' || !deviceId ? 'local' : deviceId;
  const shown = tabs.filter((tab) => scopeOf(tab.target) === scope);
  const current = shown.find((tab) => tab.key === active[scope]) ?? shown.at(-1);
  const connected = view?.status.kind === 'connected';
  const box = view ? boxName(t, view.device) : '';

  const newBoxTab = () => {
    if (!deviceId) return;
    setScope('device');
    openTab({ kind: 'device', deviceId }, `${box} ${tabs.filter((x) => scopeOf(x.target) === deviceId).length + 1}`);
  };
  const newLocalTab = () => {
    setScope('local');
    openTab({ kind: 'local' }, `${t('terminal.local')} ${tabs.filter((x) => x.target.kind === 'local').length + 1}`);
  };

  // Ctrl/Cmd-F searches, Ctrl/Cmd-Shift-T opens a tab (xterm would otherwise send them to the shell).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (!mod) return;
      if (event.key.toLowerCase() === 'f' && !event.altKey && current) {
        event.preventDefault();
        event.stopPropagation();
        setSearching(true);
      } else if (event.key.toLowerCase() === 't' && event.shiftKey) {
        event.preventDefault();
        newBoxTab();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  });

  if (!view && !local?.available) return <Welcome page={t('nav.terminal')} />;

  return (
    <div className="term" data-testid="terminal-page">
      <div className="term__bar" role="tablist" aria-label={t('nav.terminal')}>
        {shown.map((tab) => (
          <div key={tab.key} className={`term__tab${tab.key === current?.key ? ' term__tab--active' : ''}`} data-phase={tab.phase}>
            <button type="button" role="tab" aria-selected={tab.key === current?.key} className="term__tab-label" onClick={() => activateTab(scope, tab.key)} data-testid="terminal-tab">
              {tab.target.kind === 'local' ? <Laptop size={14} aria-hidden /> : <SquareTerminal size={14} aria-hidden />} {tab.title}
              {tab.phase === 'reconnecting' ? <span className="term__dot term__dot--warn" title={t('terminal.reconnecting')} /> : null}
              {tab.phase === 'ended' ? <span className="term__dot term__dot--off" title={t('terminal.ended')} /> : null}
            </button>
            <button type="button" className="icon-button term__tab-close" aria-label={t('terminal.closeTab', { title: tab.title })} onClick={() => closeTab(tab.key)} data-testid="terminal-tab-close">
              <X size={12} />
            </button>
          </div>
        ))}
        <div className="term__actions">
          {view ? (
            <button type="button" className="button button--ghost small" onClick={newBoxTab} disabled={!connected} title={connected ? undefined : t('terminal.notConnected')} data-testid="terminal-new">
              <Plus size={14} aria-hidden /> {t('terminal.newOn', { box })}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--ghost small"
            onClick={newLocalTab}
            disabled={!local?.available}
            title={local?.available ? t('terminal.localWhere', { shell: local.shell }) : local?.reason}
            data-testid="terminal-new-local"
          >
            <Laptop size={14} aria-hidden /> {t('terminal.newLocal')}
          </button>
          {view && tabs.some((x) => x.target.kind === 'local') ? (
            <button type="button" className="button button--ghost small" onClick={() => setScope(scope === 'local' ? 'device' : 'local')} data-testid="terminal-scope">
              {scope === 'local' ? t('terminal.showBox', { box }) : t('terminal.showLocal')}
            </button>
          ) : null}
        </div>
      </div>
      {current && searching ? <SearchBar tabKey={current.key} onClose={() => setSearching(false)} /> : null}
      {current?.phase === 'reconnecting' ? (
        <p className="term__notice small" role="status" data-testid="terminal-reconnecting">
          {t('terminal.reconnectingNote')}
        </p>
      ) : null}
      {current?.phase === 'ended' ? (
        <div className="term__notice term__notice--ended small" role="status" data-testid="terminal-ended">
          {current.error ? <ErrorNotice error={current.error} /> : <span>{current.message}</span>}
          <button type="button" className="button small" onClick={() => reopenTab(current.key)} data-testid="terminal-reopen">
            <RotateCcw size={14} aria-hidden /> {t('terminal.reopen')}
          </button>
        </div>
      ) : null}
      {current?.target.kind === 'local' ? <p className="small muted term__where">{t('terminal.localWhere', { shell: local?.shell ?? '' })}</p> : null}
      {current ? (
        <Screen key={current.key} tab={current} onPaste={setPending} />
      ) : (
        <EmptyState
          icon={SquareTerminal}
          title={scope === 'local' ? t('terminal.emptyLocal') : t('terminal.empty', { box })}
          body={connected || scope === 'local' ? t('terminal.emptyHint') : t('terminal.notConnected')}
          testId="terminal-empty"
        />
      )}
      <ConfirmDialog
        open={pending !== undefined}
        title={t('terminal.pasteTitle')}
        onClose={() => setPending(undefined)}
        onConfirm={() => {
          if (current && pending !== undefined) terminalSession(current.key)?.paste(pending);
          if (current) terminalSession(current.key)?.term.focus();
        }}
        confirmLabel={t('terminal.paste')}
        cancelLabel={t('common.cancel')}
        tone="primary"
        testId="terminal-paste-confirm"
        confirmTestId="terminal-paste-ok"
      >
        <p>{t('terminal.pasteBody', { lines: (pending ?? '').split(/\r\n|\r|\n/).length })}</p>
        <pre className="term__paste-preview">{(pending ?? '').slice(0, 2000)}</pre>
      </ConfirmDialog>
    </div>
  );
};

export default TerminalPage;
