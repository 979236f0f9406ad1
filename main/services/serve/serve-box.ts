/**
 * What the box says for serving, in small commands: our serve containers (one `docker ps` by
 * label), its memory (/proc/meminfo) and the models Ollama keeps loaded (`ollama ps`). A part
 * that cannot be read leaves that part empty; the memory guard says when it cannot judge.
 */
import { boxMemoryFromMeminfo, type BoxMemory, type MemoryHolder } from '../../../src/recipes/memory-guard.js';
import { type DiscoveredServer, serversFromContainers } from '../../../src/recipes/serve/serve-discovery.js';
import { containerLogsCommand, listContainersCommand } from '../../../src/remote/commands/docker.js';
import { parseDockerPs } from '../../../src/remote/parsers/docker-ps.js';
import { parseOllamaPs } from '../../../src/remote/parsers/ollama-tables.js';
import { parseMeminfo } from '../../../src/remote/parsers/proc-meminfo.js';
import type { ServeEngineId } from '../../../src/recipes/serve/serve-engines.js';
import type { SshConnection } from '../../ssh/connection.js';
import { mergeLogs } from '../containers/container-service.js';
import { readOllamaJobLog, readOllamaServers } from './serve-ollama.js';

export const serveBoxLimits = {
  readTimeoutMs: 20_000,
} as const;

/** Plain reads, nothing user-typed in them. */
export const serveBoxCommands = {
  meminfo: 'cat /proc/meminfo',
  /** `ollama ps` in the C locale; a box without Ollama answers 127 and has no loaded models to count. */
  ollamaPs: 'LC_ALL=C ollama ps',
} as const;

const lastLine = (text: string, fallback: string): string => text.trim().split('\n').filter(Boolean).at(-1) ?? fallback;

/** Our serve containers (by label) and our Ollama serving jobs (serve-ollama.ts). */
export const readBoxServers = async (box: SshConnection): Promise<{ servers: DiscoveredServer[]; problem: string | null }> => {
  const [ps, ollama] = await Promise.all([box.exec(listContainersCommand({ only: 'serve' }), { timeoutMs: serveBoxLimits.readTimeoutMs }), readOllamaServers(box)]);
  if (ps.code !== 0) return { servers: [], problem: `docker could not list the model servers: ${lastLine(ps.stderr, `exit ${String(ps.code)}`)}` };
  return { servers: [...serversFromContainers(parseDockerPs(ps.stdout).containers), ...ollama], problem: null };
};

export interface BoxMemoryRead {
  readonly memory: BoxMemory | null;
  readonly ollamaModels: MemoryHolder[];
}

export const readBoxMemory = async (box: SshConnection): Promise<BoxMemoryRead> => {
  const options = { timeoutMs: serveBoxLimits.readTimeoutMs };
  const [meminfo, ollama] = await Promise.all([box.exec(serveBoxCommands.meminfo, options), box.exec(serveBoxCommands.ollamaPs, options)]);
  const parsed = meminfo.code === 0 ? parseMeminfo(meminfo.stdout) : null;
  const memory = parsed?.ok === true ? boxMemoryFromMeminfo(parsed.meminfo) : null;
  const ps = ollama.code === 0 ? parseOllamaPs(ollama.stdout) : null;
  const ollamaModels: MemoryHolder[] = ps?.ok === true ? ps.rows.flatMap((r) => (r.sizeBytes === null ? [] : [{ kind: 'ollama-model' as const, name: r.name, bytes: r.sizeBytes }])) : [];
  return { memory, ollamaModels };
};

/** The server's log: a container's stdout and stderr merged in order, or an Ollama job's log (its containerName is the job id). */
export const readServerLog = async (box: SshConnection, containerName: string, tail: number, engine?: ServeEngineId): Promise<{ text: string; ok: boolean; stderr: string }> => {
  if (engine === 'ollama') return readOllamaJobLog(box, containerName, tail);
  const result = await box.exec(containerLogsCommand(containerName, { tail, timestamps: true }), { timeoutMs: serveBoxLimits.readTimeoutMs });
  return { text: result.code === 0 ? mergeLogs(result.stdout, result.stderr) : '', ok: result.code === 0, stderr: result.stderr };
};
