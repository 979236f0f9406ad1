/**
 * `docker stats [--no-stream] [-a] [--no-trunc] [--format …] [CONTAINER…]`. Readings come from
 * the box state: CPU from the load the container's sources put on the cores, memory from its
 * GPU process (unified memory is the host's RAM, so the limit is MemTotal: `/ 119.7GiB`) plus
 * the program's own RSS, block reads from the weights it has loaded. A restarting container
 * has no readings (`--`), a stopped one reads zero — as formatter_stats.go prints them.
 */
import { noise, processMemoryMiB } from '../../dynamics.js';
import type { SimContainer, SimState, WorkloadKind } from '../../state.js';
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { bytesSize, humanSize, truncateId } from './go-text.js';
import { formatList } from './list-format.js';
import { findContainer } from './lookup.js';
import { settle } from './stop.js';
import { flagError, noSuchContainer, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'all', short: 'a', kind: 'bool' },
  { long: 'no-stream', kind: 'bool' },
  { long: 'no-trunc', kind: 'bool' },
  { long: 'format', kind: 'value' },
];

/** Resident memory of each program besides what it maps on the GPU, MiB (typical `docker stats` readings). */
const programRssMiB: Readonly<Record<WorkloadKind, number>> = {
  vllm: 2_450,
  trtllm: 3_150,
  sglang: 2_820,
  'llama-server': 180,
  ollama: 42,
  jupyter: 160,
  'open-webui': 620,
  llamafactory: 1_100,
  pytorch: 3,
  generic: 1,
  // Never a container's workload (DGX OS runs it): listed so the table stays total.
  'dgx-dashboard': 1,
};

/** Threads/processes a program runs (PIDS column). */
const programPids: Readonly<Record<WorkloadKind, number>> = {
  vllm: 187,
  trtllm: 96,
  sglang: 121,
  'llama-server': 27,
  ollama: 14,
  jupyter: 9,
  'open-webui': 12,
  llamafactory: 33,
  pytorch: 1,
  generic: 1,
  'dgx-dashboard': 1,
};

export const statsHeaders = {
  BlockIO: 'BLOCK I/O',
  CPUPerc: 'CPU %',
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  MemPerc: 'MEM %',
  MemUsage: 'MEM USAGE / LIMIT',
  Name: 'NAME',
  NetIO: 'NET I/O',
  PIDs: 'PIDS',
} as const;

type StatsRow = Record<keyof typeof statsHeaders, string>;

const statsRow = (container: SimContainer, key: string, state: SimState, now: number, trunc: boolean): StatsRow => {
  const id = trunc ? truncateId(container.id) : container.id;
  if (container.state === 'restarting') {
    return { BlockIO: '--', CPUPerc: '--', Container: key, ID: id, MemPerc: '--', MemUsage: '-- / --', Name: container.name, NetIO: '--', PIDs: '--' };
  }
  const limit = state.box.memTotalKb * 1024;
  if (container.state !== 'running') {
    return { BlockIO: '0B / 0B', CPUPerc: '0.00%', Container: key, ID: id, MemPerc: '0.00%', MemUsage: '0B / 0B', Name: container.name, NetIO: '0B / 0B', PIDs: '0' };
  }
  const second = Math.floor(now / 1000);
  const cores = state.activity.filter((a) => a.id.includes(container.id) && a.since <= now && (a.until === undefined || a.until > now)).reduce((sum, a) => sum + a.cpuCores, 0);
  const idle = container.workload === 'generic' ? 0 : 0.2 + noise(`stats-cpu:${container.id}`, second) * 1.6;
  const gpu = state.gpuProcesses.filter((p) => p.containerId === container.id);
  const gpuMiB = gpu.reduce((sum, p) => sum + processMemoryMiB(p, now), 0);
  const loaded = gpu.reduce((sum, p) => sum + p.fileCacheMiB * (p.loadMs > 0 ? Math.min(1, (now - p.startedAt) / p.loadMs) : 1), 0);
  const usage = (gpuMiB + programRssMiB[container.workload] * (0.98 + noise(`stats-mem:${container.id}`, second) * 0.04)) * 1024 * 1024;
  const upSeconds = Math.max(0, (now - (container.startedAt ?? now)) / 1000);
  const networked = container.networkMode !== 'host' && container.networkMode !== 'none';
  const rx = networked ? 1_146 + upSeconds * 38 : 0;
  const tx = networked ? 126 + upSeconds * 11 : 0;
  return {
    BlockIO: `${humanSize(loaded * 1024 * 1024 + (container.workload === 'generic' ? 0 : 48_300_000), 3)} / ${humanSize(container.workload === 'generic' ? 0 : 1_230_000 + upSeconds * 2_000, 3)}`,
    CPUPerc: `${((cores + idle / 100) * 100).toFixed(2)}%`,
    Container: key,
    ID: id,
    MemPerc: `${((usage / limit) * 100).toFixed(2)}%`,
    MemUsage: `${bytesSize(usage)} / ${bytesSize(limit)}`,
    Name: container.name,
    NetIO: `${humanSize(rx, 3)} / ${humanSize(tx, 3)}`,
    PIDs: String(programPids[container.workload]),
  };
};

export const statsCommand = async (ctx: DockerCtx, argv: readonly string[], commandPath = 'docker stats'): Promise<number> => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.stats, commandPath)}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  const trunc = !flags.bool('no-trunc');
  const format = flags.value('format');
  const render = (): { ok: true; text: string } | { ok: false; error: string; code: number } => {
    settle(ctx);
    const state = io.read();
    const now = io.now();
    let targets: Array<{ container: SimContainer; key: string }>;
    if (args.length > 0) {
      targets = [];
      for (const name of args) {
        const container = findContainer(state, name);
        if (!container) return { ok: false, error: noSuchContainer(name), code: 1 };
        targets.push({ container, key: name });
      }
    } else {
      targets = state.containers
        .filter((c) => flags.bool('all') || c.state === 'running' || c.state === 'restarting')
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((container) => ({ container, key: container.id }));
    }
    // The formatter strips the first character of Name ("/name" from the API).
    const rows = targets.map(({ container, key }) => statsRow(container, key, state, now, trunc));
    const out = formatList(rows, format, {
      defaultTable: 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}',
      headers: statsHeaders,
      rowType: '*container.statsContext',
    });
    return out.ok ? out : { ok: false, error: out.error, code: 1 };
  };

  for (;;) {
    const out = render();
    if (!out.ok) {
      io.error(`${out.error}\n`);
      return out.code;
    }
    if (flags.bool('no-stream')) {
      io.write(out.text);
      return 0;
    }
    // Streaming: the CLI clears the screen and redraws about once a second.
    io.write(`\x1b[2J\x1b[H${out.text}`);
    if (!(await io.sleep(1000))) return 130;
  }
};
