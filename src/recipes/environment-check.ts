/**
 * The box's environment check (the review's checklist): one command that probes everything, and
 * a pure reading of its output into pass / warn / fail, each with the exact command that fixes it.
 * Probes are cheap and read-only; nothing is installed or changed.
 */
import { quote } from '../remote/quote.js';
import { classifyDockerError } from '../remote/parsers/docker-errors.js';
import { parseDf } from '../remote/parsers/df.js';
import { parseMeminfo } from '../remote/parsers/proc-meminfo.js';

export const environmentThresholds = {
  /** Models and images are tens of GB: below this a pull or a download will fail. */
  diskWarnBytes: 100e9,
  diskFailBytes: 20e9,
  /** DGX Dashboard listens here on DGX OS. */
  dashboardPort: 11000,
} as const;

const probes: ReadonlyArray<readonly [string, string]> = [
  ['arch', 'uname -m'],
  ['driver', 'nvidia-smi --query-gpu=name,driver_version --format=csv,noheader'],
  ['cuda', 'nvidia-smi | head -n 4'],
  ['docker', 'docker version --format "{{.Server.Version}}"'],
  ['runtime', 'docker info --format "{{json .Runtimes}}"'],
  ['disk', 'df -B1 -P /'],
  ['meminfo', 'cat /proc/meminfo'],
  ['nsys', 'nsys --version'],
  ['dashboard', `curl -s -o /dev/null -m 2 -w "%{http_code}" http://127.0.0.1:${environmentThresholds.dashboardPort}/`],
];

/** `LC_ALL=C sh -c '…'`: every probe in turn, each fenced with its name and exit status. */
export const environmentCheckCommand = (): string =>
  `LC_ALL=C sh -c ${quote(probes.map(([id, cmd]) => `echo "@@probe ${id}"; ${cmd} 2>&1; echo "@@rc $?"`).join('; '))}`;

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  readonly id: 'arch' | 'driver' | 'docker' | 'docker-group' | 'runtime' | 'disk' | 'swap' | 'nsys' | 'dashboard';
  readonly status: CheckStatus;
  /** What was found, in one line. */
  readonly detail: string;
  /** The command that fixes it (empty when it passes). */
  readonly fix: string;
}

interface Probe {
  readonly output: string;
  readonly rc: number;
}

export const splitProbes = (output: string): Record<string, Probe> => {
  const result: Record<string, Probe> = {};
  let current: string | undefined;
  let lines: string[] = [];
  for (const line of output.split('\n')) {
    const start = /^@@probe (\S+)$/.exec(line);
    const end = /^@@rc (\d+)$/.exec(line);
    if (start) {
      current = start[1]!;
      lines = [];
    } else if (end && current) {
      result[current] = { output: lines.join('\n').trim(), rc: Number(end[1]) };
      current = undefined;
    } else if (current) lines.push(line);
  }
  return result;
};

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(0)} GB`;

export const readEnvironmentCheck = (output: string): CheckResult[] => {
  const p = splitProbes(output);
  const missing = (probe: Probe | undefined) => !probe || probe.rc === 127 || /not found/.test(probe.output);
  const results: CheckResult[] = [];

  const arch = p['arch']?.output ?? '';
  results.push(arch === 'aarch64' ? { id: 'arch', status: 'pass', detail: 'aarch64 (Arm64, as on every GB10 box)', fix: '' } : { id: 'arch', status: 'warn', detail: `${arch || 'unknown'}: not an Arm64 box; GB10 images and wheels are aarch64`, fix: '' });

  const driver = p['driver'];
  const cuda = /CUDA Version:\s*([\d.]+)/.exec(p['cuda']?.output ?? '')?.[1];
  if (missing(driver) || driver!.rc !== 0) results.push({ id: 'driver', status: 'fail', detail: 'nvidia-smi is missing or the NVIDIA driver is not loaded', fix: 'sudo apt install --reinstall nvidia-driver-580-open && sudo reboot' });
  else {
    const [name = '', version = ''] = driver!.output.split('\n')[0]!.split(',').map((s) => s.trim());
    results.push({ id: 'driver', status: 'pass', detail: `${name}, driver ${version}${cuda ? `, CUDA ${cuda}` : ''}`, fix: '' });
  }

  const docker = p['docker'];
  const problem = docker ? classifyDockerError(docker.output) : undefined;
  if (missing(docker) || problem?.kind === 'docker-missing') results.push({ id: 'docker', status: 'fail', detail: 'docker is not installed', fix: 'sudo apt install docker.io && sudo systemctl enable --now docker' });
  else if (problem?.kind === 'permission-denied') {
    results.push({ id: 'docker', status: 'pass', detail: 'docker is installed', fix: '' });
    results.push({ id: 'docker-group', status: 'fail', detail: 'your user is not in the docker group (docker needs sudo)', fix: 'sudo usermod -aG docker $USER && newgrp docker' });
  } else if (docker!.rc !== 0) results.push({ id: 'docker', status: 'fail', detail: `docker does not answer: ${docker!.output.split('\n')[0] ?? ''}`, fix: 'sudo systemctl restart docker' });
  else {
    results.push({ id: 'docker', status: 'pass', detail: `docker ${docker!.output.split('\n')[0] ?? ''}`, fix: '' });
    results.push({ id: 'docker-group', status: 'pass', detail: 'docker works without sudo', fix: '' });
  }

  const runtime = p['runtime'];
  if (runtime && runtime.rc === 0) {
    results.push(/"nvidia"/.test(runtime.output) ? { id: 'runtime', status: 'pass', detail: 'NVIDIA container runtime is registered (--gpus works)', fix: '' } : { id: 'runtime', status: 'fail', detail: 'no NVIDIA container runtime: --gpus all will fail', fix: 'sudo apt install nvidia-container-toolkit && sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker' });
  }

  const df = parseDf(p['disk']?.output ?? '');
  const root = df.ok ? df.df.rows.find((r) => r.target === '/') : undefined;
  if (root?.availBytes !== null && root?.availBytes !== undefined) {
    const free = root.availBytes;
    const status: CheckStatus = free < environmentThresholds.diskFailBytes ? 'fail' : free < environmentThresholds.diskWarnBytes ? 'warn' : 'pass';
    results.push({ id: 'disk', status, detail: `${gb(free)} free of ${gb(root.sizeBytes ?? 0)} on /`, fix: status === 'pass' ? '' : 'docker system prune -a && rm -rf ~/.cache/huggingface/hub/models--*  # after checking what you still need' });
  }

  const mem = parseMeminfo(p['meminfo']?.output ?? '');
  if (mem.ok) {
    const swap = mem.meminfo.swapTotalBytes ?? 0;
    results.push(swap > 0 ? { id: 'swap', status: 'pass', detail: `${gb(swap)} of swap`, fix: '' } : { id: 'swap', status: 'warn', detail: 'no swap: when unified memory runs out the box can freeze instead of slowing down', fix: 'sudo fallocate -l 16G /swapfile && sudo chmod 600 /swapfile && sudo mkswap /swapfile && sudo swapon /swapfile' });
  }

  const nsys = p['nsys'];
  results.push(!missing(nsys) && nsys!.rc === 0 ? { id: 'nsys', status: 'pass', detail: nsys!.output.split('\n')[0] ?? 'nsys', fix: '' } : { id: 'nsys', status: 'warn', detail: 'Nsight Systems (nsys) is not installed: profiling is unavailable', fix: 'sudo apt install nsight-systems-cli' });

  const code = Number(p['dashboard']?.output ?? '0');
  results.push(code >= 200 && code < 500 ? { id: 'dashboard', status: 'pass', detail: `DGX Dashboard answers on port ${environmentThresholds.dashboardPort}`, fix: '' } : { id: 'dashboard', status: 'warn', detail: `DGX Dashboard does not answer on port ${environmentThresholds.dashboardPort}`, fix: 'sudo systemctl enable --now dgx-dashboard' });
  return results;
};
