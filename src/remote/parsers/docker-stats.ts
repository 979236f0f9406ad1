/**
 * `docker stats --no-stream --format '{{json .}}'`. MemUsage is binary units (`2.352MiB /
 * 982.5MiB`; on a GB10 the limit is host RAM, ≈119.7GiB), NetIO and BlockIO decimal (`539kB /
 * 606kB`); CPUPerc can pass 100 % (several cores). A container that is starting, restarting or
 * gone reads `--` / `-- / --`: null, not 0. Name may carry the API's leading `/`.
 */
import { type ParseIssue, dockerText, field, parseBytesPair, parseCount, parseJsonLines, parsePercent } from './docker-values.js';

export type { ParseIssue } from './docker-values.js';

export interface DockerStatsEntry {
  /** What the row is keyed by: the name/id given on the command line, or the full id. */
  readonly container: string;
  readonly id: string;
  readonly name: string | null;
  readonly cpuPercent: number | null;
  readonly memoryUsedBytes: number | null;
  readonly memoryLimitBytes: number | null;
  readonly memoryPercent: number | null;
  readonly netRxBytes: number | null;
  readonly netTxBytes: number | null;
  readonly blockReadBytes: number | null;
  readonly blockWriteBytes: number | null;
  readonly pids: number | null;
}

export interface DockerStatsResult {
  readonly entries: DockerStatsEntry[];
  readonly issues: ParseIssue[];
}

export const parseDockerStats = (output: string): DockerStatsResult => {
  // Streaming `docker stats` (no --no-stream) redraws with a clear-screen sequence: keep the last frame.
  const frames = output.split('\x1b[2J\x1b[H');
  const { objects, issues } = parseJsonLines(frames[frames.length - 1] ?? '');
  const entries: DockerStatsEntry[] = [];
  for (const { line, value } of objects) {
    const id = field(value, 'ID');
    if (id === '') {
      issues.push({ line, reason: 'no container ID' });
      continue;
    }
    const memory = parseBytesPair(value['MemUsage']);
    const net = parseBytesPair(value['NetIO']);
    const block = parseBytesPair(value['BlockIO']);
    const name = dockerText(value['Name']);
    entries.push({
      container: field(value, 'Container'),
      id,
      name: name === null ? null : name.replace(/^\//, ''),
      cpuPercent: parsePercent(value['CPUPerc']),
      memoryUsedBytes: memory.first,
      memoryLimitBytes: memory.second,
      memoryPercent: parsePercent(value['MemPerc']),
      netRxBytes: net.first,
      netTxBytes: net.second,
      blockReadBytes: block.first,
      blockWriteBytes: block.second,
      pids: parseCount(value['PIDs']),
    });
  }
  return { entries, issues: issues.sort((a, b) => a.line - b.line) };
};
