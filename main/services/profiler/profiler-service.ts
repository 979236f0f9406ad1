/**
 * Nsight Systems on the box for the Profiler page. Mode 1 starts a server container under
 * `nsys launch` and opens / closes collection windows in it with docker exec; modes 2 and 3 run
 * `nsys profile` as a host job (it survives a disconnect) whose log is read about once a second
 * for the report's progress. Reports are listed from the box's folder, summarised there with
 * `nsys stats`, and downloaded by the Files transfer engine.
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { CaptureView, ReportView, SessionView, StatsTable } from '../../../src/contract/methods/profiler.js';
import { listContainersCommand } from '../../../src/remote/commands/docker.js';
import { hostJobLogCommand, listHostJobsCommand, parseHostJobs, startHostJobCommand } from '../../../src/remote/commands/host-job.js';
import { parseDockerPs } from '../../../src/remote/parsers/docker-ps.js';
import { parseNsysConsole, generatedReports } from '../../../src/remote/parsers/nsys-console.js';
import { parseNsysSessions } from '../../../src/remote/parsers/nsys-sessions.js';
import { parseNsysVersion, type NsysVersion } from '../../../src/remote/parsers/nsys-version.js';
import { deleteReportCommand, listReportsCommand, parseReportList, writeMetaCommand, type ReportMeta } from '../../../src/recipes/profiler-reports.js';
import {
  profileCommand,
  profilerDefaults,
  profilerLabel,
  serverRunCommand,
  sessionsListCommand,
  startWindowCommand,
  statsCommand,
  stopWindowCommand,
  systemWideCaveat,
  type CaptureSpec,
  type CaptureWindow,
} from '../../../src/recipes/profiler.js';
import { sh } from '../../../src/remote/quote.js';
import type { ExecResult, SshConnection } from '../../ssh/connection.js';
import { statsTables } from './profiler-stats.js';

export const profilerTiming = {
  quickMs: 20_000,
  /** `nsys stop` and `nsys stats` post-process the whole capture: minutes for a large one. */
  slowMs: 10 * 60_000,
  /** How often a running capture's job is read (its progress frames come about that often). */
  pollMs: 1_000,
} as const;

export interface ProfilerDeps {
  readonly connection: (deviceId: string) => SshConnection;
  readonly changed: (deviceId: string, captures: CaptureView[]) => void;
}

const lastLine = (r: ExecResult) => `${r.stderr}\n${r.stdout}`.trim().split('\n').filter(Boolean).at(-1) ?? `exit status ${String(r.code)}`;

const fail = (doing: string, r: ExecResult, hint: string): AppFailure => new AppFailure(appError('remote-command-failed', `${doing} failed: ${lastLine(r)}`, hint));

const noNsysHint = 'Install Nsight Systems on the box (sudo apt install nsight-systems-cli), or check that nsys is on the PATH.';

/** A sentence and a fix for what a finished nsys job printed. */
const jobError = (log: string, code: number): { message: string; hint: string } => {
  if (/sudo: a (terminal|password) is required/.test(log)) return { message: 'The system-wide capture needs root, and sudo asked for a password.', hint: 'Allow nsys without a password (sudo visudo: USER ALL=(root) NOPASSWD: /usr/local/bin/nsys), or run the shown command in a terminal.' };
  const problem = parseNsysConsole(log).problem;
  if (problem?.kind === 'file-exists') return { message: `A report with this name already exists (${problem.path ?? ''}).`, hint: 'Choose another name, or delete the old report first.' };
  if (problem) return { message: `nsys stopped: ${problem.line}`, hint: 'Check the options, then start again.' };
  const line = log.trim().split('\n').filter(Boolean).at(-1) ?? `exit status ${code}`;
  return { message: `The capture ended with exit status ${code}: ${line}`, hint: 'Look at the command in a terminal on the box to see the whole output.' };
};

const commandExited = (code: number) => ({
  message: `The profiled command exited with status ${code}; nsys wrote its report anyway.`,
  hint: 'Run the command in a terminal on the box to see why it stopped.',
});

interface Tracked {
  view: CaptureView;
  jobId: string;
}

export class ProfilerService {
  private readonly captures = new Map<string, Tracked[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly homes = new Map<string, { reportsDir: string; version: NsysVersion | null }>();

  constructor(private readonly deps: ProfilerDeps) {}

  private box(deviceId: string): SshConnection {
    return this.deps.connection(deviceId);
  }

  async probe(deviceId: string): Promise<{ nsysVersion: string | null; reportsDir: string }> {
    const r = await this.box(deviceId).exec(`echo "$HOME"; nsys --version 2>&1`, { timeoutMs: profilerTiming.quickMs });
    const [home = '', ...rest] = r.stdout.split('\n');
    if (!home.startsWith('/')) throw fail('Reading the home folder on the box', r, 'Check the connection, then refresh.');
    const version = parseNsysVersion(rest.join('\n'));
    const reportsDir = `${home.replace(/\/+$/, '')}/${profilerDefaults.reportsDir.slice(2)}`;
    this.homes.set(deviceId, { reportsDir, version });
    return { nsysVersion: version?.version ?? null, reportsDir };
  }

  private async context(deviceId: string): Promise<{ reportsDir: string; version: NsysVersion | null }> {
    return this.homes.get(deviceId) ?? (await this.probe(deviceId), this.homes.get(deviceId)!);
  }

  async preview(deviceId: string, spec: CaptureSpec): Promise<{ command: string; caveat: string | null }> {
    const { reportsDir, version } = await this.context(deviceId);
    const command = spec.kind === 'server' ? serverRunCommand(spec, reportsDir, { multiline: true }) : profileCommand(spec, reportsDir, version);
    return { command, caveat: spec.kind === 'system' ? systemWideCaveat : null };
  }

  async capture(deviceId: string, spec: CaptureSpec): Promise<{ command: string; capture: CaptureView | null }> {
    const { reportsDir, version } = await this.context(deviceId);
    if (version === null) throw new AppFailure(appError('not-found', 'Nsight Systems (nsys) is not installed on the box.', noNsysHint));
    const box = this.box(deviceId);
    if (spec.kind === 'server') {
      const command = serverRunCommand(spec, reportsDir);
      const mk = await box.exec(sh`mkdir -p ${reportsDir}`, { timeoutMs: profilerTiming.quickMs });
      if (mk.code !== 0) throw fail('Creating the reports folder', mk, 'Check the free space and permissions of your home folder on the box.');
      const r = await box.exec(command, { timeoutMs: profilerTiming.slowMs });
      if (r.code !== 0) throw fail('Starting the server under nsys launch', r, 'Check the image and the server command; a container with this name may already exist (remove it on the Containers page).');
      return { command, capture: null };
    }
    const command = profileCommand(spec, reportsDir, version);
    const meta: ReportMeta = { mode: spec.kind, command: spec.kind === 'command' ? spec.command.join(' ') : '', traces: spec.kind === 'command' ? spec.traces : [], gpuMetrics: spec.kind === 'system', durationSeconds: spec.durationSeconds ?? null, startedAt: Date.now() };
    const w = await box.exec(writeMetaCommand(reportsDir, spec.name, meta), { timeoutMs: profilerTiming.quickMs });
    if (w.code !== 0) throw fail('Creating the reports folder', w, 'Check the free space and permissions of your home folder on the box.');
    const jobId = `nsys-${spec.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${Date.now().toString(36)}`.slice(0, 63);
    const start = await box.exec(startHostJobCommand({ id: jobId, script: command, spec: { kind: 'nsys-capture', mode: spec.kind, name: spec.name } }), { timeoutMs: profilerTiming.quickMs });
    if (start.code !== 0) throw fail('Starting the capture', start, 'Check the connection, then start it again.');
    const view: CaptureView = { id: jobId, kind: spec.kind, name: spec.name, command, state: 'running', startedAt: meta.startedAt, report: null, percent: null, error: null };
    this.captures.set(deviceId, [{ view, jobId }, ...(this.captures.get(deviceId) ?? [])]);
    this.emit(deviceId);
    this.schedule(deviceId);
    return { command, capture: view };
  }

  list(deviceId: string): CaptureView[] {
    return (this.captures.get(deviceId) ?? []).map((t) => t.view);
  }

  private emit(deviceId: string): void {
    this.deps.changed(deviceId, this.list(deviceId));
  }

  private schedule(deviceId: string): void {
    if (this.timers.has(deviceId)) return;
    this.timers.set(
      deviceId,
      setTimeout(() => {
        this.timers.delete(deviceId);
        void this.poll(deviceId).then(
          (more) => more && this.schedule(deviceId),
          () => this.schedule(deviceId),
        );
      }, profilerTiming.pollMs),
    );
  }

  /** Reads every running capture's job; true while one still runs. */
  private async poll(deviceId: string): Promise<boolean> {
    const running = (this.captures.get(deviceId) ?? []).filter((t) => t.view.state === 'running');
    if (running.length === 0) return false;
    const box = this.box(deviceId);
    const jobs = parseHostJobs((await box.exec(listHostJobsCommand(), { timeoutMs: profilerTiming.quickMs })).stdout);
    for (const t of running) {
      const log = (await box.exec(hostJobLogCommand(t.jobId, 200), { timeoutMs: profilerTiming.quickMs })).stdout;
      const printed = parseNsysConsole(log);
      const exit = jobs.find((j) => j.id === t.jobId)?.exitCode ?? null;
      const report = generatedReports(log)[0] ?? null;
      t.view = { ...t.view, percent: printed.progress?.percent ?? t.view.percent, report };
      if (exit === null) continue;
      // nsys profile exits with the profiled command's status; a report it wrote is still a report.
      if (report === null) t.view = { ...t.view, state: 'failed', error: jobError(log, exit) };
      else t.view = { ...t.view, state: 'done', percent: 100, error: exit === 0 ? null : commandExited(exit) };
    }
    this.emit(deviceId);
    return running.some((t) => t.view.state === 'running');
  }

  async sessions(deviceId: string): Promise<SessionView[]> {
    const box = this.box(deviceId);
    const ps = await box.exec(listContainersCommand(), { timeoutMs: profilerTiming.quickMs });
    const servers = ps.code === 0 ? parseDockerPs(ps.stdout).containers.filter((c) => c.status.kind === 'up' && c.labels[profilerLabel] !== undefined) : [];
    const where: Array<string | null> = [null, ...servers.map((c) => c.name)];
    const lists = await Promise.all(where.map((c) => box.exec(sessionsListCommand(c ?? undefined), { timeoutMs: profilerTiming.quickMs })));
    return lists.flatMap((r, i) =>
      r.code !== 0 ? [] : parseNsysSessions(r.stdout).map((s) => ({ name: s.name, container: where[i]!, state: s.state, collecting: s.collecting === true, seconds: s.seconds })),
    );
  }

  async startWindow(deviceId: string, window: CaptureWindow): Promise<{ command: string }> {
    const { reportsDir, version } = await this.context(deviceId);
    const box = this.box(deviceId);
    const meta: ReportMeta = { mode: 'server', command: window.container, traces: [...profilerDefaults.traces], gpuMetrics: true, durationSeconds: null, startedAt: Date.now() };
    const w = await box.exec(writeMetaCommand(reportsDir, window.name, meta), { timeoutMs: profilerTiming.quickMs });
    if (w.code !== 0) throw fail('Creating the reports folder', w, 'Check the free space and permissions of your home folder on the box.');
    const command = startWindowCommand(window, reportsDir, version);
    const r = await box.exec(command, { timeoutMs: profilerTiming.quickMs });
    if (r.code !== 0) {
      const problem = parseNsysConsole(`${r.stdout}\n${r.stderr}`).problem;
      if (problem?.kind === 'file-exists') throw new AppFailure(appError('conflict', `A report named ${window.name} already exists.`, 'Choose another report name, or delete the old one.'));
      throw fail('Starting the collection', r, 'Check that the server container still runs and that its session is listed, then start again.');
    }
    return { command };
  }

  async stop(deviceId: string, container: string | null, session: string): Promise<{ command: string; report: string | null }> {
    const command = stopWindowCommand(container, session);
    const r = await this.box(deviceId).exec(command, { timeoutMs: profilerTiming.slowMs });
    if (r.code !== 0) throw fail('Stopping the collection', r, 'Refresh the sessions: the collection may have ended already.');
    return { command, report: generatedReports(r.stdout)[0] ?? null };
  }

  async reports(deviceId: string): Promise<{ dir: string; reports: ReportView[] }> {
    const { reportsDir } = await this.context(deviceId);
    const r = await this.box(deviceId).exec(listReportsCommand(reportsDir), { timeoutMs: profilerTiming.quickMs });
    if (r.code !== 0) throw fail('Listing the reports', r, 'Check the connection, then refresh.');
    return { dir: reportsDir, reports: parseReportList(r.stdout).map((f) => ({ ...f, path: `${reportsDir}/${f.name}` })) };
  }

  async remove(deviceId: string, name: string): Promise<void> {
    const { reportsDir } = await this.context(deviceId);
    const r = await this.box(deviceId).exec(deleteReportCommand(reportsDir, name), { timeoutMs: profilerTiming.quickMs });
    if (r.code !== 0) throw fail(`Deleting ${name}`, r, 'Check the permissions of the reports folder.');
  }

  async stats(deviceId: string, path: string): Promise<StatsTable[]> {
    const r = await this.box(deviceId).exec(statsCommand(path), { timeoutMs: profilerTiming.slowMs });
    const tables = statsTables(r.stdout);
    if (r.code !== 0 || tables === null) {
      if (/command not found/.test(r.stderr)) throw new AppFailure(appError('not-found', 'Nsight Systems (nsys) is not installed on the box.', noNsysHint));
      throw fail(`Summarising ${path.split('/').pop() ?? path}`, r, 'Check that the report is complete (a capture still writing it cannot be read yet), then try again.');
    }
    return tables;
  }

  forgetDevice(deviceId: string): void {
    const timer = this.timers.get(deviceId);
    if (timer) clearTimeout(timer);
    this.timers.delete(deviceId);
    this.homes.delete(deviceId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
