import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedReports, parseNsysConsole, parseNsysSkipped } from './nsys-console.js';
import { parseNsysSessions } from './nsys-sessions.js';
import { gpuMetricsDevicesFlag, parseNsysVersion } from './nsys-version.js';

const capture = readFileSync(new URL('../../../e2e/fixtures/captures/nsys-formats.txt', import.meta.url), 'utf8');

/** The lines of one `############ title` section, without the capture's `# …` annotations. */
const section = (title: string): string => {
  const start = capture.indexOf(`############ ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  const body = capture.slice(capture.indexOf('\n', start) + 1);
  const end = body.indexOf('############ ');
  return (end < 0 ? body : body.slice(0, end))
    .split('\n')
    .filter((l) => !l.startsWith('# '))
    .join('\n');
};

describe('parseNsysVersion (capture)', () => {
  it('reads every captured version line, with and without the build suffix', () => {
    const versions = section('nsys --version').split('\n').filter((l) => l !== '').map(parseNsysVersion);
    expect(versions.map((v) => v?.version)).toEqual(['2025.6.3.541', '2025.6.1.190', '2025.3.2.474', '2025.3.1.90', '2025.2.1.130', '2023.2.4.44']);
    expect(versions[2]).toEqual({ version: '2025.3.2.474', year: 2025, minor: 3, patch: 2, build: '253236389321v0' });
    expect(versions[3]?.build).toBeNull();
    expect(parseNsysVersion('NVIDIA Nsight Systems version 2025.1.3')).toMatchObject({ version: '2025.1.3', patch: 3, build: null });
  });

  it('answers null for other text and picks the metrics flag by year', () => {
    expect(parseNsysVersion('nsys: command not found')).toBeNull();
    expect(gpuMetricsDevicesFlag(parseNsysVersion('NVIDIA Nsight Systems version 2023.2.4.44-33011852v0'))).toBe('--gpu-metrics-device');
    expect(gpuMetricsDevicesFlag(parseNsysVersion('NVIDIA Nsight Systems version 2025.3.2.474-253236389321v0'))).toBe('--gpu-metrics-devices');
  });
});

describe('parseNsysConsole (capture)', () => {
  const tail = section('nsys profile — tail of console output');
  const single = tail.slice(0, tail.indexOf("Generating '/tmp/nsys-report-4a2b.qdstrm'"));
  const mpi = tail.slice(tail.indexOf("Generating '/tmp/nsys-report-4a2b.qdstrm'"));

  it('finds the TAB-indented Generated path and the last frame of a single report', () => {
    const parsed = parseNsysConsole(single);
    expect(parsed.qdstrm).toEqual(['/tmp/nsys-report-0f74.qdstrm']);
    expect(parsed.generated).toEqual(['<dir>/tiny.nsys-rep']);
    expect(parsed.progress).toEqual({ step: 1, steps: 1, percent: 100, target: 'tiny.nsys-rep' });
    expect(parsed.problem).toBeNull();
  });

  it('copes with interleaved MPI ranks and the 4-space indent', () => {
    const parsed = parseNsysConsole(mpi);
    expect(parsed.qdstrm).toHaveLength(4);
    expect(parsed.generated).toEqual(['/p/home/jusers/kraus1/jureca/cuda-advanced/01-MPI/02-GPUDirect/code/jacobi.2.nsys-rep']);
    expect(parsed.progress?.target).toBe('jacobi.0.nsys-rep');
    expect(generatedReports(mpi)).toHaveLength(1);
  });

  it('reads the --stats=true steps, the glued frame, SKIPPED lines, warnings and the file-exists error', () => {
    const parsed = parseNsysConsole(section('nsys profile --stats=true'));
    expect(parsed.qdstrm).toEqual(['/tmp/nsys-report-8ead.qdstrm']);
    expect(parsed.progress).toEqual({ step: 4, steps: 8, percent: null, target: 'osrt_sum' });
    expect(parsed.skipped).toEqual([
      { file: '/home/manish/Desktop/Xircuit-GITHUB/SIMPLE-CUDA/vecadd_run.sqlite', missing: 'NV Tools Extension (NVTX) data' },
      { file: '/tmp/nsys-report-e498.sqlite', missing: 'CUDA trace data' },
      { file: '/tmp/nsys-report-e498.sqlite', missing: 'CUDA kernel data' },
    ]);
    expect(parsed.warnings).toEqual(['WARNING: CPU IP/backtrace sampling not supported, disabling.', 'WARNING: CPU context switch tracing not supported, disabling.']);
    expect(parsed.gpuMetrics).toHaveLength(1);
    expect(parsed.problem).toEqual({
      kind: 'file-exists',
      line: "Failed to create '/home/manish/Desktop/Xircuit-GITHUB/SIMPLE-CUDA/vecadd_run.nsys-rep': File exists.",
      path: '/home/manish/Desktop/Xircuit-GITHUB/SIMPLE-CUDA/vecadd_run.nsys-rep',
    });
    expect(parseNsysConsole('[1/8] [0%                          ] a.nsys-repProcessing events...').progress).toEqual({ step: 1, steps: 8, percent: 0, target: 'a.nsys-rep' });
  });

  it('never throws on odd input', () => {
    for (const odd of ['', '\n\n', 'Generated:', 'Generated:\n', '[1/x] [%] ', 'SKIPPED:', '\r\r\r']) {
      expect(() => parseNsysConsole(odd)).not.toThrow();
    }
    expect(parseNsysConsole('Generated:').generated).toEqual([]);
    expect(parseNsysSkipped('SKIPPED: nothing here')).toBeNull();
  });
});

describe('parseNsysSessions', () => {
  it('falls back to the profile-<id> names when there is no header (what scripts grep)', () => {
    // The capture's own annotation mentions the placeholder `profile-XXXXX`: a name without a numeric id.
    const sessions = parseNsysSessions(section('sessions (used with long-running servers)'));
    expect(sessions).toEqual([
      { name: 'profile-XXXXX', id: null, state: null, seconds: null, collecting: null },
      { name: 'profile-30763', id: 30763, state: null, seconds: null, collecting: null },
    ]);
  });

  it('reads a header layout in any column order', () => {
    const text = ' NAME           STATE       ID\n profile-123    Collection  123\n my-server      Launched    456\n';
    expect(parseNsysSessions(text)).toEqual([
      { name: 'profile-123', id: 123, state: 'Collection', seconds: null, collecting: true },
      { name: 'my-server', id: 456, state: 'Launched', seconds: null, collecting: false },
    ]);
    expect(parseNsysSessions('')).toEqual([]);
  });
});
