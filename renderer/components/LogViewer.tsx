import { Download, Loader2, Radio, RefreshCw, Search } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Result } from '../../src/contract/errors.js';
import { ErrorNotice } from './Notice.js';

/** The last 500 lines: a server's start-up and its recent requests, without a long transfer. */
export const logTail = 500;

/** Following reads the tail again this often: new lines show within 2 s, and the box is asked little. */
export const followEveryMs = 2_000;

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

/**
 * The last lines something printed on the box (a container, an app), searchable, refreshable and
 * saved as `<name>.log` on request. `load` reads them (once on mount, then on Refresh: give the
 * viewer a new `key` for another source); `testId` prefixes the parts' test ids.
 */
export const LogViewer = ({ name, load, testId }: { name: string; load: (tail: number) => Promise<Result<{ text: string }>>; testId: string }) => {
  const { t } = useTranslation();
  const [state, setState] = useState<Load>({ kind: 'loading', text: undefined });
  const [query, setQuery] = useState('');
  const [follow, setFollow] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  // Each read's number: an answer older than the newest read is dropped.
  const reads = useRef(0);
  // The newest loader, without reading again each time the parent renders a new function.
  const loader = useRef(load);
  useLayoutEffect(() => {
    loader.current = load;
  });

  const fetchText = useCallback(async () => {
    const mine = ++reads.current;
    const result = await loader.current(logTail);
    if (mine !== reads.current) return;
    setState((l) => (result.ok ? { kind: 'ready', text: result.value.text } : { kind: 'failed', error: result.error, text: l.text }));
  }, []);

  const reload = () => {
    setState((l) => ({ kind: 'loading', text: l.text }));
    void fetchText();
  };

  useEffect(() => {
    void fetchText();
    return () => {
      reads.current += 1;
    };
  }, [fetchText]);

  // Follow: the tail again every few seconds, quietly (no spinner), until turned off or closed.
  useEffect(() => {
    if (!follow) return;
    const timer = setInterval(() => void fetchText(), followEveryMs);
    return () => clearInterval(timer);
  }, [follow, fetchText]);

  const text = state.text;
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
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('logs.searchPlaceholder')} aria-label={t('logs.search')} data-testid={`${testId}-search`} />
        </label>
        <span className="small muted" role="status">
          {needle === '' ? t('logs.lines', { total: lines.length, tail: logTail }) : t('logs.matches', { shown: shown.length, total: lines.length })}
        </span>
        <span className="cnt-spacer" />
        <label className="checkbox small" title={t('logs.followHint', { seconds: followEveryMs / 1000 })}>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid={`${testId}-follow`} />
          <Radio size={14} aria-hidden className={follow ? 'cnt-logs__live' : undefined} /> {t('logs.follow')}
        </label>
        <button type="button" className="button button--ghost small" onClick={reload} disabled={state.kind === 'loading'} data-testid={`${testId}-refresh`}>
          {state.kind === 'loading' ? <Loader2 size={14} className="spin" aria-hidden /> : <RefreshCw size={14} aria-hidden />} {t('logs.refresh')}
        </button>
        <button type="button" className="button button--ghost small" onClick={() => downloadLog(name, text ?? '')} disabled={text === undefined} data-testid={`${testId}-download`}>
          <Download size={14} aria-hidden /> {t('logs.download')}
        </button>
      </div>
      {state.kind === 'failed' ? <ErrorNotice error={state.error} onRetry={reload} retryLabel={t('common.retry')} /> : null}
      <pre ref={pre} className="cnt-logs__text" data-testid={`${testId}-text`} aria-busy={state.kind === 'loading'} tabIndex={0}>
        {text === undefined
          ? state.kind === 'loading'
            ? t('common.loading')
            : ''
          : lines.length === 0
            ? t('logs.empty')
            : needle === ''
              ? text
              : shown.map((line, i) => (
                  <span key={i} className="cnt-logs__line">
                    {highlight(line, needle)}
                    {'\n'}
                  </span>
                ))}
      </pre>
      {needle !== '' && shown.length === 0 && lines.length > 0 ? <p className="small muted">{t('logs.noMatch', { query: query.trim() })}</p> : null}
    </>
  );
};
