/** LlamaBoard (`llamafactory-cli webui`): started once as its own host job on the box, reached through a tunnel. */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import { isJobProcess, jobProcessesCommand, listHostJobsCommand, parseHostJobs, parseJobProcesses } from '../../../src/remote/commands/host-job.js';
import { llamaboardJobId, llamaboardPort, startLlamaboardCommand } from '../../../src/recipes/finetune/run-commands.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { TunnelService } from '../tunnels/tunnel-service.js';
import type { FinetuneDatasets } from './finetune-datasets.js';

const timeoutMs = 30_000;

export const llamaboardTunnel = async (ssh: SshConnection, deviceId: string, datasets: FinetuneDatasets, tunnels: TunnelService): Promise<{ url: string; localPort: number; boxPort: number }> => {
  const job = parseHostJobs((await ssh.exec(listHostJobsCommand(), { timeoutMs })).stdout).find((j) => j.id === llamaboardJobId);
  const alive = job?.pid !== null && job?.pid !== undefined && job.exitCode === null ? parseJobProcesses((await ssh.exec(jobProcessesCommand([job.pid]), { timeoutMs })).stdout) : new Map<number, string>();
  if (!(job?.pid !== null && job?.pid !== undefined && isJobProcess(job.id, alive.get(job.pid)))) {
    const env = await datasets.environment(deviceId);
    if (env.kind !== 'host') throw new AppFailure(appError('tool-missing', 'LLaMA Factory is not installed on the box itself.', `Install it with: ${env.install.host.join(' && ')}`));
    const started = await ssh.exec(startLlamaboardCommand(env, Date.now()), { timeoutMs });
    if (started.code !== 0) throw new AppFailure(appError('remote-command-failed', 'LlamaBoard could not start on the box.', 'Try again; the lines below say what the box answered.', started.stderr.trim().split('\n').slice(-5)));
  }
  const tunnel = await tunnels.open(deviceId, llamaboardPort, { label: 'LlamaBoard' });
  return { url: tunnel.url, localPort: tunnel.localPort, boxPort: llamaboardPort };
};
