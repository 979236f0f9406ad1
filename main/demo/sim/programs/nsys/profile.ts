/**
 * `nsys profile [options] APP [args…]`: launch + collect + stop in one. The collection is a
 * session named `profile-<pid>` while it runs (so `nsys sessions list` shows it and
 * `nsys stop --session=profile-<pid>` ends it early, as the vLLM/SGLang docs do), ends when the
 * app exits, after --duration, on Ctrl-C, or when stopped; then the report is generated.
 */
import { exitWith } from '../downloads/args.js';
import type { SimIO } from '../../io.js';
import { parseCollection } from './collection.js';
import { cpuWarnings, fileExistsError, gpuMetricsLine } from './console.js';
import { parseNsysOptions, usageLine } from './options.js';
import { generateReport, resolveOutput } from './report-output.js';
import type { ReportHeader } from './report-file.js';
import { runTarget, servesMoe, workloadOf, type ProgramLookup } from './target.js';

export const profileTiming = {
  /** How often the profile process checks for --duration and `nsys stop`. */
  pollMs: 100,
} as const;

/** Starts a collection's nsys pid: the next pid on the box. */
export const takePid = (io: SimIO): number =>
  io.update((s) => {
    const pid = s.nextPid;
    s.nextPid += 1;
    return pid;
  });

export const nsysProfile = async (io: SimIO, argv: readonly string[], lookup: ProgramLookup): Promise<number> => {
  const parsed = parseNsysOptions(argv, true);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('profile')}`, 1);
  const { values, command } = parsed.options;
  const request = parseCollection(values);
  if (!request.ok) {
    io.write(request.stdout);
    io.error(request.stderr);
    return request.code;
  }
  // Without an application nsys collects system-wide for --duration (the review's `sudo nsys profile --sample=system-wide … --duration=10`).
  if (command.length === 0 && (request.duration === undefined || request.collection.sample !== 'system-wide')) return exitWith(io, `No application was specified.${usageLine('profile')}`, 1);
  const pid = takePid(io);
  const output = resolveOutput(io, values.get('--output'), pid);
  if (io.fs.exists(output) && values.get('--force-overwrite') !== 'true') return exitWith(io, fileExistsError(output), 1);

  io.error(cpuWarnings(io, request.collection.sample, request.cpuctxsw));
  if (request.gpuMetrics) io.write(gpuMetricsLine);
  io.write('Collecting data...\n');
  const name = `profile-${pid}`;
  const start = io.now();
  io.update((s, now) => {
    s.nsysSessions.push({
      name,
      launchedCommand: command.join(' '),
      createdAt: now,
      collecting: true,
      collectionStartedAt: now + request.delay * 1000,
      output,
      pid,
      kind: 'profile',
      collection: request.collection,
    });
  });

  const child = new AbortController();
  let finished = false;
  const app = runTarget(io, command, AbortSignal.any([io.signal, child.signal]), lookup).finally(() => {
    finished = true;
  });
  let sleptMs = 0;
  let stoppedElsewhere = false;
  const limitMs = request.duration === undefined ? undefined : (request.delay + request.duration) * 1000;
  while (!finished) {
    if (!(await io.sleep(profileTiming.pollMs))) break; // Ctrl-C: nsys still writes the report
    sleptMs += profileTiming.pollMs;
    if (limitMs !== undefined && sleptMs >= limitMs) break;
    const session = io.read().nsysSessions.find((s) => s.name === name);
    if (!session || !session.collecting) {
      stoppedElsewhere = true;
      break;
    }
  }
  const endedByItself = finished;
  child.abort();
  const appCode = await app;
  const elapsed = Math.max((io.now() - start) / 1000, sleptMs / 1000);
  const seconds = Math.max(0, Math.min(elapsed, limitMs === undefined ? elapsed : limitMs / 1000) - request.delay);
  io.update((s) => {
    s.nsysSessions = s.nsysSessions.filter((x) => x.name !== name);
  });
  // `nsys stop` already wrote the report of a stopped session.
  if (stoppedElsewhere) return 0;
  const header: ReportHeader = {
    nsysVersion: io.read().box.nsysVersion,
    command: command.join(' '),
    workload: workloadOf(command),
    moe: servesMoe(command),
    traces: request.collection.traces,
    sample: request.collection.sample,
    gpuMetrics: request.gpuMetrics,
    seconds,
    createdAt: io.now(),
    hostname: io.read().box.hostname,
  };
  const code = await generateReport(io, output, header, request.collection.stats);
  if (code !== 0) return code;
  if (io.signal.aborted) return 130;
  return endedByItself ? appCode : 0;
};
