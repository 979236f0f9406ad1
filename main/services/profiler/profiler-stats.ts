/**
 * `nsys stats` CSV output as the page's four tables: one per summary, its rows typed, or the
 * SKIPPED line nsys printed when the report holds no such data.
 */
import type { StatsTable } from '../../../src/contract/methods/profiler.js';
import { statsReportNames } from '../../../src/recipes/profiler.js';
import { parseNsysStatsCsv, summaryRows } from '../../../src/remote/parsers/nsys-stats-csv.js';

export const statsTables = (stdout: string): StatsTable[] | null => {
  const parsed = parseNsysStatsCsv(stdout);
  if (!parsed.ok) return null;
  return statsReportNames.map((report) => {
    const section = parsed.sections.find((s) => s.report === report);
    const skipped = parsed.skipped.find((s) => s.report === report);
    return {
      report,
      rows: section
        ? summaryRows(section).map((r) => ({ timePercent: r.timePercent, totalNs: r.totalNs, count: r.count, avgNs: r.avgNs, medNs: r.medNs, minNs: r.minNs, maxNs: r.maxNs, name: r.name }))
        : [],
      skipped: section ? null : skipped ? `${skipped.file} does not contain ${skipped.missing}.` : null,
    };
  });
};
