import { FileJson, FileSpreadsheet } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadTestReport } from '../../../src/domain/loadtest.js';
import { percentileKeys } from '../../loadtest/metrics.js';
import { downloadText } from '../../loadtest/png.js';
import { exportFileName, reportCsv } from '../../loadtest/report-csv.js';
import { LevelTable } from './LevelTable.js';
import { ReportCharts } from './ReportCharts.js';
import { ReportFacts } from './ReportFacts.js';

/** A finished run: its settings and server, the metrics per level with their formulas, charts, export. */
export const ReportView = ({ report }: { report: LoadTestReport }) => {
  const { t, i18n } = useTranslation();
  const [showFormulas, setShowFormulas] = useState(true);
  const pKeys = percentileKeys(report.levels);
  return (
    <section className="bm-report" aria-label={report.name} data-testid="bm-report">
      <header className="row bm-report__head">
        <h2>{report.name}</h2>
        <span className={`badge${report.state === 'done' ? '' : ' badge--warn'}`} data-testid="bm-report-state">
          {t(`benchmark.report.state.${report.state}`)}
        </span>
        <span className="muted">{new Date(report.createdAt).toLocaleString(i18n.language)}</span>
        <span className="cnt-spacer" />
        <label className="bm-check">
          <input type="checkbox" checked={showFormulas} onChange={(e) => setShowFormulas(e.target.checked)} data-testid="bm-show-formulas" /> ƒ {t('benchmark.report.showFormulas')}
        </label>
        <button type="button" className="button button--ghost small" onClick={() => downloadText(JSON.stringify(report, null, 2), 'application/json', exportFileName(report.name, 'json'))} data-testid="bm-export-json">
          <FileJson size={14} aria-hidden /> {t('benchmark.report.json')}
        </button>
        <button type="button" className="button button--ghost small" onClick={() => downloadText(reportCsv(report), 'text/csv;charset=utf-8', exportFileName(report.name, 'csv'))} data-testid="bm-export-csv">
          <FileSpreadsheet size={14} aria-hidden /> {t('benchmark.report.csv')}
        </button>
      </header>
      <ReportFacts report={report} />
      <ReportCharts report={report} />
      {report.levels.map((level) => (
        <LevelTable key={level.parallel} level={level} percentiles={pKeys} showFormulas={showFormulas} />
      ))}
    </section>
  );
};
