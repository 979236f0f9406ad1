import { Download, Loader2, RefreshCw, Search } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNotice } from '../../components/Notice.js';
import { fetchContainerLogs } from '../../containers/containers-store.js';
import { logLimits } from './format.js';

/** Saves the text as `<name>.log`: the browser's download, Electron's save. */
const downloadLog = (name: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.log`;
  link.click();
  // Revoked on the next turn: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

/** The line with each case-insensitive occurrence of `query` marked. */
const highlight = (line: string, query: string): ReactNode[] => {
  const lower = line.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(query); at !== -1; at = lower.indexOf(query, from)) {
    if (at > from) parts.push(line.slice(from, at));
    parts.push(<mark key={at}>{line.slice(at, at + query.length)}</mark>);
    from = at + query.length;
  }
  if (from < line.length) parts.push(line.slice(from));
  return parts;
};

type Load = { readonly kind: 'loading'; readonly text: string | undefined } | { readonly kind: 'ready'; readonly text: string } | { readonly kind: 'failed'; readonly error: AppError; readonly text: string | undefined };

const LogsBody = ({ deviceId, container }: { deviceId: string; container: string }) => {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ kind: 'loading', text: undefined });
  const [query, setQuery] = useState('');
  const pre = useRef<HTMLPreElement>(null);
  // Each read's number: an answer older than the newest read is dropped.
  const reads = useRef(0);

  const fetchText = useCallback(async () => {
    const mine = ++reads.current;
    const result = await fetchContainerLogs(deviceId, container, logLimits.tail);
    if (mine !== reads.current) return;
    setLoad((l) => (result.ok ? { kind: 'ready', text: result.value.text } : { kind: 'failed', error: result.error, text: l.text }));
  }, [deviceId, container]);

  const reload = () => {
    setLoad((l) => ({ kind: 'loading', text: l.text }));
    void fetchText();
  };

  useEffect(() => {
    void fetchText();
    return () => {
      reads.current += 1;
    };
  }, [fetchText]);

  const text = load.text;
  const lines = useMemo(() => (text === undefined || text === '' ? [] : text.replace(/\n$/, '').split('\n')), [text]);
  const needle = query.trim().toLowerCase();
  const shown = useMemo(() => (needle === '' ? lines : lines.filter((line) => line.toLowerCase().includes(needle))), [lines, needle]);

  // The newest lines are what one opens logs for: start at the bottom (not while searching).
  useLayoutEffect(() => {
    if (pre.current && needle === '') pre.current.scrollTop = pre.current.scrollHeight;
  }, [text, needle]);

  return (
    <>
      <div className="cnt-logs__toolbar">
        <label className="cnt-logs__search">
          <Search size={14} aria-hidden />
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('containers.logs.searchPlaceholder')} aria-label={t('containers.logs.search')} data-testid="containers-logs-search" />
        </label>
        <span className="small muted" role="status">
          {needle === '' ? t('containers.logs.lines', { total: lines.length, tail: logLimits.tail }) : t('containers.logs.matches', { shown: shown.length, total: lines.length })}
        </span>
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" onClick={reload} disabled={load.kind === 'loading'} data-testid="containers-logs-refresh">
          {load.kind === 'loading' ? <Loader2 size={14} className="spin" aria-hidden /> : <RefreshCw size={14} aria-hidden />} {t('containers.refresh')}
        </button>
        <button type="button" className="button button--ghost small" onClick={() => downloadLog(container, text ?? '')} disabled={text === undefined} data-testid="containers-logs-download">
          <Download size={14} aria-hidden /> {t('containers.logs.download')}
        </button>
      </div>
      {load.kind === 'failed' ? <ErrorNotice error={load.error} onRetry={reload} retryLabel={t('common.retry')} /> : null}
      <pre ref={pre} className="cnt-logs__text" data-testid="containers-logs-text" aria-busy={load.kind === 'loading'} tabIndex={0}>
        {text === undefined
          ? load.kind === 'loading'
            ? t('common.loading')
            : ''
          : lines.length === 0
            ? t('containers.logs.empty')
            : needle === ''
              ? text
              : shown.map((line, i) => (
                  <span key={i} className="cnt-logs__line">
                    {highlight(line, needle)}
                    {'\n'}
                  </span>
                ))}
      </pre>
      {needle !== '' && shown.length === 0 && lines.length > 0 ? <p className="small muted">{t('containers.logs.noMatch', { query: query.trim() })}</p> : null}
    </>
  );
};

/** The last lines a container wrote, searchable, saved as a file on request. */
export const LogsDialog = ({ deviceId, container, onClose }: { deviceId: string; container: string | undefined; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Dialog open={container !== undefined} title={t('containers.logs.title', { name: container ?? '' })} onClose={onClose} wide testId="containers-logs">
      {container !== undefined ? <LogsBody key={container} deviceId={deviceId} container={container} /> : null}
    </Dialog>
  );
};
