import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsRow, StatsTable } from '../../../src/contract/methods/profiler.js';
import { ErrorNotice } from '../../components/Notice.js';
import type { StatsEntry } from '../../profiler/profiler-store.js';

type Column = Exclude<keyof StatsRow, never>;
const columns: readonly Column[] = ['name', 'timePercent', 'totalNs', 'count', 'avgNs', 'medNs', 'minNs', 'maxNs'];
const chartRows = 10;

/** ns as the unit a person reads: 1.23 ms, 45.6 µs, 2.1 s. */
export const formatNs = (ns: number | null): string => {
  if (ns === null) return '—';
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
};

const cell = (row: StatsRow, column: Column): string => {
  const value = row[column];
  if (column === 'name') return String(value);
  if (column === 'timePercent') return value === null ? '—' : `${Number(value).toFixed(1)}`;
  if (column === 'count') return value === null ? '—' : Number(value).toLocaleString();
  return formatNs(value as number | null);
};

const SortableTable = ({ table }: { table: StatsTable }) => {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ column: Column; desc: boolean }>({ column: 'timePercent', desc: true });
  const rows = useMemo(() => {
    const sorted = [...table.rows].sort((a, b) => {
      const x = a[sort.column];
      const y = b[sort.column];
      if (typeof x === 'string' || typeof y === 'string') return String(x).localeCompare(String(y));
      return (x ?? -Infinity) - (y ?? -Infinity);
    });
    return sort.desc ? sorted.reverse() : sorted;
  }, [table.rows, sort]);
  if (table.skipped) return <p className="muted" data-testid={`profiler-skipped-${table.report}`}>{t('profiler.stats.skipped', { line: table.skipped })}</p>;
  if (table.rows.length === 0) return <p className="muted">{t('profiler.stats.none')}</p>;
  return (
    <div className="profiler__scroll">
      <table className="data-table" data-testid={`profiler-table-${table.report}`}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} aria-sort={sort.column === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="profiler__sort" onClick={() => setSort((s) => ({ column: c, desc: s.column === c ? !s.desc : c !== 'name' }))}>
                  {t(`profiler.stats.columns.${c}`)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${row.name}-${i}`}>
              {columns.map((c) => (
                <td key={c} className={c === 'name' ? undefined : 'data-table__num'} title={c === 'name' ? row.name : undefined}>
                  {c === 'name' ? <span className="profiler__cell-name">{row.name}</span> : cell(row, c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/** The top kernels as CSS bars (share of GPU time), longest first. */
const TopKernels = ({ table }: { table: StatsTable }) => {
  const { t } = useTranslation();
  const top = [...table.rows].sort((a, b) => (b.totalNs ?? 0) - (a.totalNs ?? 0)).slice(0, chartRows);
  const max = Math.max(1, ...top.map((r) => r.timePercent ?? 0));
  if (top.length === 0) return null;
  return (
    <figure className="profiler__chart" data-testid="profiler-top-kernels">
      <figcaption>{t('profiler.stats.topKernels')}</figcaption>
      {top.map((row, i) => (
        <div key={`${row.name}-${i}`} className="profiler__bar-row" title={row.name}>
          <span className="profiler__bar-label">{row.name}</span>
          <span className="profiler__bar-track">
            <span className="profiler__bar" style={{ width: `${((row.timePercent ?? 0) / max) * 100}%` }} />
          </span>
          <span className="data-table__num">
            {(row.timePercent ?? 0).toFixed(1)} % · {formatNs(row.totalNs)}
          </span>
        </div>
      ))}
    </figure>
  );
};

export const StatsSummary = ({ name, entry, onRetry }: { name: string; entry: StatsEntry | undefined; onRetry: () => void }) => {
  const { t } = useTranslation();
  const tables = entry?.tables ?? null;
  const kernels = tables?.find((x) => x.report === 'cuda_gpu_kern_sum');
  return (
    <section className="card profiler__summary" data-testid="profiler-summary">
      <h2>{t('profiler.stats.title', { name })}</h2>
      {entry?.error ? <ErrorNotice error={entry.error} onRetry={onRetry} retryLabel={t('profiler.stats.retry')} /> : null}
      {tables === null && !entry?.error ? <p className="muted">{t('profiler.stats.reading')}</p> : null}
      {kernels ? <TopKernels table={kernels} /> : null}
      {tables?.map((table) => (
        <div key={table.report} className="profiler__table">
          <h3>{t(`profiler.stats.reports.${table.report}`)}</h3>
          <SortableTable table={table} />
        </div>
      ))}
    </section>
  );
};
