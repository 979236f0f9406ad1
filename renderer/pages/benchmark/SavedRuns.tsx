import { Check, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/Dialog.js';
import { deleteReport, renameReport, type ReportSummary } from '../../loadtest/loadtest-store.js';

/** Most runs a comparison shows side by side (more would not fit the table or tell apart on a chart). */
export const maxCompared = 4;

const NameCell = ({ run, onOpen }: { run: ReportSummary; onOpen: () => void }) => {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null) {
    return (
      <span className="row bm-saved__name">
        <button type="button" className="button button--ghost small bm-link" onClick={onOpen} data-testid="bm-saved-open">
          {run.name}
        </button>
        <button type="button" className="icon-button" title={t('benchmark.saved.rename')} aria-label={t('benchmark.saved.rename')} onClick={() => setEditing(run.name)} data-testid="bm-saved-rename">
          <Pencil size={14} aria-hidden />
        </button>
      </span>
    );
  }
  const save = () => {
    const name = editing.trim();
    setEditing(null);
    if (name !== '' && name !== run.name) void renameReport(run.id, name);
  };
  return (
    <form
      className="row bm-saved__name"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <input value={editing} maxLength={200} autoFocus aria-label={t('benchmark.saved.name')} onChange={(e) => setEditing(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(null)} data-testid="bm-saved-name-input" />
      <button type="submit" className="icon-button" title={t('benchmark.saved.save')} aria-label={t('benchmark.saved.save')} data-testid="bm-saved-name-save">
        <Check size={14} aria-hidden />
      </button>
    </form>
  );
};

/** The saved reports: open, rename, delete (confirmed), and ticks for the comparison. */
export const SavedRuns = ({ summaries, picked, onPick, onOpen, onCompare }: { summaries: readonly ReportSummary[]; picked: readonly string[]; onPick: (ids: readonly string[]) => void; onOpen: (id: string) => void; onCompare: () => void }) => {
  const { t, i18n } = useTranslation();
  const [deleting, setDeleting] = useState<ReportSummary | null>(null);
  if (summaries.length === 0) return <p className="muted" data-testid="bm-saved-empty">{t('benchmark.saved.empty')}</p>;
  const toggle = (id: string, on: boolean) => onPick(on ? [...picked, id].slice(-maxCompared) : picked.filter((p) => p !== id));
  return (
    <section className="bm-saved" data-testid="bm-saved">
      <div className="row bm-saved__bar">
        <span className="muted">{t('benchmark.saved.pickHint')}</span>
        <span className="cnt-spacer" />
        <button type="button" className="button button--primary small" disabled={picked.length < 2} onClick={onCompare} data-testid="bm-compare-selected">
          {t('benchmark.saved.compareSelected', { count: picked.length })}
        </button>
      </div>
      <div className="cnt-table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('benchmark.saved.pick')}</th>
              <th scope="col">{t('benchmark.saved.name')}</th>
              <th scope="col">{t('benchmark.saved.target')}</th>
              <th scope="col" className="data-table__num">{t('benchmark.saved.levels')}</th>
              <th scope="col">{t('benchmark.saved.state')}</th>
              <th scope="col">{t('benchmark.saved.created')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {[...summaries]
              .sort((a, b) => b.createdAt - a.createdAt)
              .map((run) => (
                <tr key={run.id} data-testid="bm-saved-row" data-name={run.name}>
                  <td>
                    <input type="checkbox" checked={picked.includes(run.id)} aria-label={t('benchmark.saved.pick')} onChange={(e) => toggle(run.id, e.target.checked)} data-testid="bm-saved-pick" />
                  </td>
                  <td>
                    <NameCell run={run} onOpen={() => onOpen(run.id)} />
                  </td>
                  <td className="cnt-mono">{run.target.kind === 'server' ? run.target.label : run.target.baseUrl}</td>
                  <td className="data-table__num">{run.parallel.join(', ')}</td>
                  <td>{t(`benchmark.report.state.${run.state}`)}</td>
                  <td className="cnt-nowrap">{new Date(run.createdAt).toLocaleString(i18n.language)}</td>
                  <td>
                    <button type="button" className="icon-button" title={t('benchmark.saved.delete')} aria-label={t('benchmark.saved.delete')} onClick={() => setDeleting(run)} data-testid="bm-saved-delete">
                      <Trash2 size={14} aria-hidden />
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t('benchmark.saved.deleteTitle', { name: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void deleteReport(deleting.id)}
        confirmLabel={t('benchmark.saved.delete')}
        cancelLabel={t('common.cancel')}
        confirmTestId="bm-saved-delete-confirm"
      >
        <p>{t('benchmark.saved.deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
};
