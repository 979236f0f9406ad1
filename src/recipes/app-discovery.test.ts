import { describe, expect, it } from 'vitest';
import { parseHostJobs, parseJobProcesses } from '../remote/commands/host-job.js';
import { parseDockerPs } from '../remote/parsers/docker-ps.js';
import { appsFromContainers, appsFromHostJobs, discoveredHealthProbe, jupyterTokenFromEnv, openUrlPath } from './app-discovery.js';
import { launch } from './apps.js';

const token = 'c'.repeat(48);

/** One `docker ps --format '{{json .}}'` line as docker 28 prints it (labels sorted and comma-joined). */
const psLine = (id: string, name: string, labels: Record<string, string>, state: 'running' | 'exited', status: string): string =>
  JSON.stringify({
    Command: '"/opt/nvidia/nvidia_entrypoint.sh jupyter lab"',
    CreatedAt: '2026-11-25 09:00:00 +0000 UTC',
    ID: id.repeat(64 / id.length),
    Image: 'nvcr.io/nvidia/pytorch:25.09-py3',
    Labels: Object.entries({ 'com.nvidia.cuda.version': '13.0.1.012', ...labels })
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(','),
    LocalVolumes: '0',
    Mounts: '/home/demo/notebooks',
    Names: name,
    Networks: 'bridge',
    Ports: '127.0.0.1:8888->8888/tcp',
    RunningFor: '2 hours ago',
    Size: '0B',
    State: state,
    Status: status,
  });

describe('appsFromContainers', () => {
  const jupyter = launch({ app: 'jupyterlab', token });
  const webui = launch({ app: 'open-webui', boxPort: 3000 });
  const custom = launch({ app: 'custom', id: 'comfy', name: 'Comfy, UI', boxPort: 8188, urlPath: '/?tab=1', run: { kind: 'container', containerPort: 8188, container: { image: 'ubuntu' } } });
  const output = [
    psLine('a', 'pgx-jupyterlab', jupyter.labels, 'running', 'Up 2 hours'),
    psLine('b', 'pgx-open-webui', webui.labels, 'exited', 'Exited (137) 5 minutes ago'),
    psLine('c', 'pgx-app-comfy', custom.labels, 'running', 'Up 3 seconds'),
    psLine('d', 'someone-elses', { maintainer: 'x' }, 'running', 'Up 1 hour'),
    psLine('e', 'our-server', { 'pgx-companion.kind': 'serve' }, 'running', 'Up 1 hour'),
    psLine('f', 'future-app', { 'pgx-companion.kind': 'app', 'pgx-companion.app': 'vscode-server' }, 'running', 'Up 1 hour'),
  ].join('\n');

  it('finds our apps again from one docker ps, stopped ones too, and nothing else', () => {
    const apps = appsFromContainers(parseDockerPs(output).containers);
    expect(apps.map((a) => [a.app, a.customId, a.where.kind === 'container' && a.where.name, a.running, a.port, a.urlPath, a.healthPath, a.exitCode])).toEqual([
      ['jupyterlab', null, 'pgx-jupyterlab', true, 8888, '/lab', '/api', null],
      ['open-webui', null, 'pgx-open-webui', false, 3000, '/', '/health', 137],
      ['custom', 'comfy', 'pgx-app-comfy', true, 8188, '/?tab=1', '/', null],
    ]);
    expect(apps[0]!.where).toEqual({ kind: 'container', id: 'a'.repeat(64), name: 'pgx-jupyterlab' });
    expect(apps[2]!.recipe).toMatchObject({ name: 'Comfy, UI' });
  });

  it('gives them the probe and the URL a fresh launch would, the token from the container env', () => {
    const [found] = appsFromContainers(parseDockerPs(output).containers);
    expect(discoveredHealthProbe(found!)).toEqual(jupyter.health);
    const env = ['PATH=/usr/local/bin', `JUPYTER_TOKEN=${token}`, 'NVIDIA_VISIBLE_DEVICES=all'];
    expect(openUrlPath(found!, env)).toBe(jupyter.urlPath);
    expect(openUrlPath(found!)).toBe('/lab');
    expect(openUrlPath({ ...found!, app: 'open-webui' }, env)).toBe('/lab');
    expect(openUrlPath({ ...found!, urlPath: '/lab?reset' }, env)).toBe(`/lab?reset&token=${token}`);
    expect(discoveredHealthProbe({ ...found!, port: null })).toBeNull();
  });

  it('reads a token from the env, and nothing that could inject into a URL', () => {
    expect(jupyterTokenFromEnv([`JUPYTER_TOKEN=old`, `JUPYTER_TOKEN=${token}`])).toBe(token);
    expect(jupyterTokenFromEnv(['JUPYTER_TOKEN=a&b=c'])).toBeNull();
    expect(jupyterTokenFromEnv(['JUPYTER_TOKEN='])).toBeNull();
    expect(jupyterTokenFromEnv([])).toBeNull();
  });

  it('falls back to the app’s own paths when a label was lost', () => {
    const labels = { 'pgx-companion.kind': 'app', 'pgx-companion.app': 'ollama', 'pgx-companion.port': '11434' };
    const [found] = appsFromContainers(parseDockerPs(psLine('9', 'pgx-ollama', labels, 'running', 'Up 1 hour')).containers);
    expect(found).toMatchObject({ app: 'ollama', urlPath: '/', healthPath: '/api/version', recipe: null });
  });
});

describe('appsFromHostJobs', () => {
  const custom = launch({ app: 'custom', id: 'web', name: 'Web', boxPort: 9000, healthPath: '/ping', run: { kind: 'host', script: 'python3 -m http.server 9000' } });
  const spec = /printf '%s\\n' '(.*)' > /.exec(custom.command!)![1]!;
  const listing = `./app-web/pid:61002\n./app-web/spec.json:${spec}\n./app-old/exit-code:0\n./app-old/pid:70\n./app-old/spec.json:${spec.replace('custom-web', 'custom-old')}\n./other-job/pid:5\n./other-job/spec.json:{"kind":"fine-tune"}\n`;

  it('finds custom apps in the job folders; a live pid counts only when it is still the job', () => {
    const processes = parseJobProcesses('  61002 bash -lc cd "$HOME" || exit 1?python3 -m http.server 9000?echo $? > "$HOME"/.pgx-companion/jobs/app-web/exit-code\n     70 /usr/sbin/cron -f\n');
    const apps = appsFromHostJobs(parseHostJobs(listing), processes);
    expect(apps.map((a) => [a.customId, a.where, a.running, a.port, a.urlPath, a.healthPath, a.exitCode])).toEqual([
      ['web', { kind: 'host-job', id: 'app-web', pid: 61002 }, true, 9000, '/', '/ping', null],
      ['old', { kind: 'host-job', id: 'app-old', pid: 70 }, false, 9000, '/', '/ping', 0],
    ]);
    expect(discoveredHealthProbe(apps[0]!)).toEqual(custom.health);
  });

  it('sees a job whose process is gone as stopped', () => {
    const [web] = appsFromHostJobs(parseHostJobs(listing), new Map());
    expect(web).toMatchObject({ customId: 'web', running: false, exitCode: null });
  });
});
