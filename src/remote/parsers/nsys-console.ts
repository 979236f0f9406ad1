/**
 * Console output of `nsys profile` / `nsys stop` (and `--stats=true` runs): which reports were
 * written, how far report generation got, and what went wrong. Layout quirks from the captures:
 * the `Generated:` paths are indented with a TAB in raw stdout (4 spaces in docs); several ranks
 * interleave their `Generating`/`[1/1]` lines; a progress frame can have text glued to its end
 * (`….nsys-repProcessing events...`); `SKIPPED:` lines name the .sqlite and what it lacks.
 */

export interface NsysProgress {
  /** `[3/8]` → step 3 of 8. */
  readonly step: number;
  readonly steps: number;
  /** null for `[k/8] Executing '…' stats report` lines. */
  readonly percent: number | null;
  /** The file being written (`tiny.nsys-rep`, `x.sqlite`) or the stats report being run. */
  readonly target: string;
}

export interface NsysSkipped {
  readonly file: string;
  /** What the file lacks: `CUDA trace data`, `CUDA kernel data`, `NV Tools Extension (NVTX) data` … */
  readonly missing: string;
}

export type NsysProblemKind = 'file-exists' | 'no-space' | 'bad-option' | 'bad-metric-set' | 'session-not-found' | 'no-application';

export interface NsysProblem {
  readonly kind: NsysProblemKind;
  readonly line: string;
  /** The path a `Failed to create '…'` line names. */
  readonly path: string | null;
}

export interface NsysConsole {
  /** Temporary `/tmp/nsys-report-XXXX.qdstrm` files announced by `Generating '…'`. */
  readonly qdstrm: string[];
  /** Paths listed under `Generated:` (.nsys-rep, and .sqlite with --stats). */
  readonly generated: string[];
  /** The last progress frame seen. */
  readonly progress: NsysProgress | null;
  readonly skipped: NsysSkipped[];
  /** `WARNING: …` lines (CPU sampling not supported …). */
  readonly warnings: string[];
  /** GPU-metrics sets announced (`GPU 0: General Metrics for NVIDIA GB20B (any frequency)`). */
  readonly gpuMetrics: string[];
  readonly problem: NsysProblem | null;
}

const frameRe = /^\[(\d+)\/(\d+)\]\s+\[=*\s*(\d{1,3})%\s*=*\s*\]\s+(\S+?)(?:Processing events\.\.\.)?\s*$/;
const executingRe = /^\[(\d+)\/(\d+)\]\s+Executing '([^']+)' stats report/;
const skippedRe = /^SKIPPED:\s+(.+?)\s+does not contain (.+?)\.?\s*$/;

const problemRules: ReadonlyArray<readonly [NsysProblemKind, RegExp]> = [
  ['file-exists', /^Failed to create '.*': File exists\./],
  ['no-space', /No space left on device/],
  ['bad-metric-set', /^Illegal --gpu-metrics-set argument/],
  ['bad-option', /^(?:unrecognised option|Illegal --[\w-]+ argument|option '.*' requires an argument)/],
  ['session-not-found', /^Session '.*' was not found|^No active session was found/],
  ['no-application', /^No application was specified/],
];

export const parseNsysSkipped = (line: string): NsysSkipped | null => {
  const m = skippedRe.exec(line.trim());
  return m ? { file: m[1]!, missing: m[2]! } : null;
};

export const parseNsysConsole = (text: string): NsysConsole => {
  const lines = text.split(/\r?\n|\r/);
  const qdstrm: string[] = [];
  const generated: string[] = [];
  const skipped: NsysSkipped[] = [];
  const warnings: string[] = [];
  const gpuMetrics: string[] = [];
  let progress: NsysProgress | null = null;
  let problem: NsysProblem | null = null;
  let inGenerated = false;
  for (const raw of lines) {
    const line = raw.trim();
    // Paths under `Generated:` are indented (TAB in raw stdout, spaces in docs); the block ends at the first other line.
    if (inGenerated && /^[\t ]+\S/.test(raw)) {
      generated.push(line);
      continue;
    }
    inGenerated = line === 'Generated:';
    if (inGenerated || line === '') continue;
    const generating = /^Generating '([^']+\.qdstrm)'/.exec(line);
    if (generating) {
      qdstrm.push(generating[1]!);
      continue;
    }
    const frame = frameRe.exec(line);
    if (frame) {
      progress = { step: Number(frame[1]), steps: Number(frame[2]), percent: Number(frame[3]), target: frame[4]! };
      continue;
    }
    const executing = executingRe.exec(line);
    if (executing) {
      progress = { step: Number(executing[1]), steps: Number(executing[2]), percent: null, target: executing[3]! };
      continue;
    }
    const skip = parseNsysSkipped(line);
    if (skip) {
      skipped.push(skip);
      continue;
    }
    if (line.startsWith('WARNING:')) warnings.push(line);
    else if (/^GPU \d+: .*Metrics for/.test(line)) gpuMetrics.push(line);
    else if (problem === null) {
      const rule = problemRules.find(([, re]) => re.test(line));
      if (rule) problem = { kind: rule[0], line, path: /^Failed to create '([^']+)'/.exec(line)?.[1] ?? null };
    }
  }
  return { qdstrm, generated, progress, skipped, warnings, gpuMetrics, problem };
};

/** The .nsys-rep files a run produced (what the app downloads afterwards). */
export const generatedReports = (text: string): string[] => parseNsysConsole(text).generated.filter((p) => /\.(nsys-rep|qdrep)$/.test(p));
