import { describe, expect, it } from 'vitest';
import { parseNsysVersion } from '../remote/parsers/nsys-version.js';
import { nsightCandidates } from './nsight-locate.js';
import { CaptureSpec, profileCommand, serverRunCommand, sessionsListCommand, startWindowCommand, statsCommand, stopWindowCommand, type ServerCapture } from './profiler.js';
import { deleteReportCommand, listReportsCommand, parseReportList, writeMetaCommand } from './profiler-reports.js';

const v2025 = parseNsysVersion('NVIDIA Nsight Systems version 2025.3.2.474-253236389321v0');
const v2023 = parseNsysVersion('NVIDIA Nsight Systems version 2023.2.4.44-33011852v0');
const dir = '/home/demo/pgx-companion/profiles';

const review: ServerCapture = CaptureSpec.parse({
  kind: 'server',
  name: 'my-session',
  image: 'nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev',
  serverCommand: ['trtllm-serve', '/workspace/model', '--backend', 'pytorch', '--max_batch_size', '10', '--host', '0.0.0.0', '--port', '8000'],
  volumes: [{ host: '/data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4', container: '/workspace/model' }],
}) as ServerCapture;

describe('profiler commands (the review’s two ways, and a command)', () => {
  it('mode 1: the server runs under nsys launch in a privileged container with the reports folder mounted', () => {
    expect(serverRunCommand(review, dir)).toBe(
      'docker run -d --name pgx-nsys-my-session --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 --network host --privileged ' +
        '-v /data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4:/workspace/model -v /home/demo/pgx-companion/profiles:/home/demo/pgx-companion/profiles ' +
        '--label pgx-companion.nsys-session=my-session nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev ' +
        'nsys launch --trace=cuda,osrt,nvtx,cublas --session-new=my-session --show-output=true trtllm-serve /workspace/model --backend pytorch --max_batch_size 10 --host 0.0.0.0 --port 8000',
    );
    expect(() => serverRunCommand(review, '~/pgx-companion/profiles')).toThrow(/absolute/);
  });

  it('mode 1: start / stop a window in the container, with the spelling of the box’s nsys', () => {
    const window = { container: 'pgx-nsys-my-session', session: 'my-session', name: 'trtllm02', gpuMetricsFrequency: 100_000 };
    expect(startWindowCommand(window, dir, v2025)).toBe(
      'docker exec pgx-nsys-my-session nsys start --sample=system-wide --gpu-metrics-devices=all --gpu-metrics-frequency=100000 --session=my-session -o /home/demo/pgx-companion/profiles/trtllm02',
    );
    expect(startWindowCommand(window, dir, v2023)).toContain(' --gpu-metrics-device=all ');
    expect(stopWindowCommand('pgx-nsys-my-session', 'my-session')).toBe('docker exec pgx-nsys-my-session nsys stop --session=my-session');
    expect(sessionsListCommand()).toBe('nsys sessions list');
    expect(sessionsListCommand('pgx-nsys-my-session')).toBe('docker exec pgx-nsys-my-session nsys sessions list');
  });

  it('mode 2: sudo nsys profile system-wide for N seconds; mode 3: a command, each word quoted', () => {
    const system = CaptureSpec.parse({ kind: 'system', name: 'trtllm01', durationSeconds: 10, gpuMetricsFrequency: 100_000 });
    expect(profileCommand(system as Exclude<CaptureSpec, ServerCapture>, dir, v2025)).toBe(
      'sudo -n nsys profile --sample=system-wide --gpu-metrics-devices=all --gpu-metrics-frequency=100000 --duration=10 -o /home/demo/pgx-companion/profiles/trtllm01',
    );
    const hostile = CaptureSpec.parse({ kind: 'command', name: 'q1', command: ['python3', "x'; rm -rf ~", '$(reboot)', 'a\nb', 'модель'] });
    expect(profileCommand(hostile as Exclude<CaptureSpec, ServerCapture>, '~/pgx-companion/profiles', v2025)).toBe(
      `nsys profile --trace=cuda,osrt,nvtx,cublas -o "$HOME"/pgx-companion/profiles/q1 python3 'x'\\''; rm -rf ~' '$(reboot)' 'a\nb' 'модель'`,
    );
  });

  it('refuses hostile names, an option for a program, and out-of-range numbers', () => {
    expect(CaptureSpec.safeParse({ kind: 'system', name: '../x' }).success).toBe(false);
    expect(CaptureSpec.safeParse({ kind: 'system', name: 'a b' }).success).toBe(false);
    expect(CaptureSpec.safeParse({ kind: 'system', name: '-o' }).success).toBe(false);
    expect(CaptureSpec.safeParse({ kind: 'command', name: 'a', command: ['--help'] }).success).toBe(false);
    expect(CaptureSpec.safeParse({ kind: 'system', name: 'a', gpuMetricsFrequency: 5 }).success).toBe(false);
    expect(CaptureSpec.safeParse({ kind: 'system', name: 'a', durationSeconds: 0 }).success).toBe(false);
    expect(() => stopWindowCommand('x; reboot', 'a')).toThrow();
    expect(() => startWindowCommand({ container: 'c1', session: 'a;b', name: 'n', gpuMetricsFrequency: 10 }, dir, null)).toThrow();
  });

  it('stats: the four summaries as CSV of one report, the path quoted', () => {
    expect(statsCommand('/home/demo/pgx companion/it\'s.nsys-rep')).toBe(`nsys stats --report cuda_gpu_kern_sum,cuda_api_sum,osrt_sum,nvtx_sum --format csv '/home/demo/pgx companion/it'\\''s.nsys-rep'`);
    expect(() => statsCommand('/etc/passwd')).toThrow();
  });
});

describe('reports folder', () => {
  it('lists NUL-separated reports with their sidecars, any file name intact', () => {
    const out = `4194304\t1796688863\t./a1.nsys-rep\u00002\t1796688800\t./we ird\tname\n.nsys-rep\u0000PGX-META\u0000./a1.pgx.json:{"mode":"system","command":"","traces":[],"gpuMetrics":true,"durationSeconds":10,"startedAt":1}\n./junk.pgx.json:not json\n`;
    expect(parseReportList(out)).toEqual([
      { name: 'a1.nsys-rep', sizeBytes: 4194304, modifiedAt: 1796688863000, meta: { mode: 'system', command: '', traces: [], gpuMetrics: true, durationSeconds: 10, startedAt: 1 } },
      { name: 'we ird\tname\n.nsys-rep', sizeBytes: 2, modifiedAt: 1796688800000, meta: null },
    ]);
    expect(parseReportList('')).toEqual([]);
    expect(listReportsCommand('~/pgx-companion/profiles')).toMatch(/^cd "\$HOME"\/pgx-companion\/profiles 2>\/dev\/null \|\| exit 0; /);
  });

  it('writes the sidecar quoted, and deletes only our three files of a report', () => {
    const meta = { mode: 'command' as const, command: "it's $(x)", traces: ['cuda'], gpuMetrics: false, durationSeconds: null, startedAt: 5 };
    expect(writeMetaCommand('~/p', 'r1', meta)).toBe(`mkdir -p "$HOME"/p && printf '%s\\n' '{"mode":"command","command":"it'\\''s $(x)","traces":["cuda"],"gpuMetrics":false,"durationSeconds":null,"startedAt":5}' > "$HOME"/p/r1.pgx.json`);
    expect(deleteReportCommand('/p', 'r1.nsys-rep')).toBe('rm -f /p/r1.nsys-rep /p/r1.sqlite /p/r1.pgx.json');
    expect(() => deleteReportCommand('/p', '../etc.nsys-rep')).toThrow();
  });
});

describe('nsightCandidates', () => {
  it('macOS: the app bundle', () => {
    expect(nsightCandidates('darwin', { home: '/Users/a' })).toEqual([
      { kind: 'mac-app', path: '/Applications/NVIDIA Nsight Systems.app' },
      { kind: 'mac-app', path: '/Users/a/Applications/NVIDIA Nsight Systems.app' },
    ]);
  });
  it('Windows: nsys-ui.exe of each installed version, newest first', () => {
    expect(nsightCandidates('win32', { programFiles: 'C:\\Program Files', versions: ['Nsight Systems 2025.3.2', 'Nsight Compute 2025.1', 'Nsight Systems 2025.6.1'] }).map((c) => c.path)).toEqual([
      'C:\\Program Files\\NVIDIA Corporation\\Nsight Systems 2025.6.1\\host-windows-x64\\nsys-ui.exe',
      'C:\\Program Files\\NVIDIA Corporation\\Nsight Systems 2025.3.2\\host-windows-x64\\nsys-ui.exe',
    ]);
  });
  it('Linux: nsys-ui on PATH, then /opt/nvidia/nsight-systems/<ver>', () => {
    expect(nsightCandidates('linux', { path: '/usr/local/bin:relative:/usr/bin/', versions: ['2025.3.2'] }).map((c) => c.path)).toEqual([
      '/usr/local/bin/nsys-ui',
      '/usr/bin/nsys-ui',
      '/opt/nvidia/nsight-systems/2025.3.2/bin/nsys-ui',
      '/opt/nvidia/nsight-systems/2025.3.2/host-linux-x64/nsys-ui',
    ]);
  });
});
