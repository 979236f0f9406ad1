/**
 * Load-test reports saved on this computer: one JSON file per run in <dataDir>/loadtests, read
 * back through the contract's schema (a file that no longer parses is skipped, not thrown).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { LoadTestReportEntry } from '../../../src/contract/methods/loadtest.js';
import { LoadTestReport } from '../../../src/domain/loadtest.js';
import { writeFileAtomic } from '../../store/json-file-backend.js';

const idPattern = /^[A-Za-z0-9_-]+$/;

export const entryOf = (report: LoadTestReport): LoadTestReportEntry => ({
  id: report.id,
  name: report.name,
  createdAt: report.createdAt,
  state: report.state,
  target: report.settings.target,
  parallel: report.settings.parallel,
  engine: report.server?.engine ?? null,
});

export class ReportStore {
  constructor(private readonly dir: string) {}

  #path(id: string): string {
    if (!idPattern.test(id)) throw new AppFailure(appError('bad-request', `“${id}” is not a load-test id.`, 'Pick a run from the list.'));
    return join(this.dir, `${id}.json`);
  }

  save(report: LoadTestReport): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.#path(report.id), `${JSON.stringify(report)}\n`);
  }

  get(id: string): LoadTestReport {
    let text: string;
    try {
      text = readFileSync(this.#path(id), 'utf8');
    } catch {
      throw new AppFailure(appError('not-found', 'That load-test run is not saved on this computer any more.', 'Pick another run from the list.'));
    }
    const parsed = LoadTestReport.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AppFailure(appError('io-error', `The saved run ${id} could not be read: ${parsed.error.issues[0]?.message ?? 'unknown shape'}.`, `Delete it, or look at ${this.#path(id)}.`));
    return parsed.data;
  }

  list(): LoadTestReportEntry[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const entries: LoadTestReportEntry[] = [];
    for (const name of names) {
      try {
        entries.push(entryOf(this.get(name.slice(0, -'.json'.length))));
      } catch {
        // A file that is not a report (or a broken one) is left out of the list.
      }
    }
    return entries.sort((a, b) => b.createdAt - a.createdAt);
  }

  rename(id: string, name: string): LoadTestReportEntry {
    const report = { ...this.get(id), name };
    this.save(report);
    return entryOf(report);
  }

  delete(id: string): void {
    rmSync(this.#path(id), { force: true });
  }
}
