import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readPgxLabels } from '../remote/commands/pgx-labels.js';
import { healthProbeFor, ollamaServiceStatusCommand } from './app-health.js';
import { launch } from './apps.js';

const token = 'f'.repeat(48);

/** Every word each command of a line gets, from a real bash (docker and mkdir print their words). */
const words = (line: string): string[][] => {
  const script = `docker() { printf '%s\\0' docker "$@"; printf '\\1'; }; mkdir() { printf '%s\\0' mkdir "$@"; printf '\\1'; }; ${line}`;
  const out = execFileSync('bash', ['-c', script], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/home/demo' } }).toString();
  return out
    .split('\x01')
    .slice(0, -1)
    .map((call) => call.split('\0').slice(0, -1));
};

describe('JupyterLab', () => {
  const app = launch({ app: 'jupyterlab', token });

  it('runs NGC PyTorch with the token in its env, on the box loopback, in the user’s notebook folder', () => {
    expect(app.command).toBe(
      'mkdir -p "$HOME"/notebooks && docker run -d --name pgx-jupyterlab --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 --restart unless-stopped ' +
        `-p 127.0.0.1:8888:8888 -v "$HOME"/notebooks:/workspace -e JUPYTER_TOKEN=${token} -w /workspace ` +
        '--label pgx-companion.app=jupyterlab --label pgx-companion.health-path=/api --label pgx-companion.kind=app --label pgx-companion.port=8888 ' +
        `--label 'pgx-companion.recipe={"app":"jupyterlab","boxPort":8888,"image":"nvcr.io/nvidia/pytorch:25.09-py3","notebookDir":"~/notebooks"}' ` +
        '--label pgx-companion.schema=1 --label pgx-companion.url-path=/lab ' +
        'nvcr.io/nvidia/pytorch:25.09-py3 jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --allow-root --ServerApp.root_dir=/workspace',
    );
    expect(words(app.command!)[0]).toEqual(['mkdir', '-p', '/home/demo/notebooks']);
  });

  it('opens /lab with the token, probes /api, and keeps the token out of the labels', () => {
    expect(app).toMatchObject({ app: 'jupyterlab', instance: { kind: 'container', name: 'pgx-jupyterlab' }, port: 8888, urlPath: `/lab?token=${token}`, healthPath: '/api' });
    expect(app.health).toEqual({ port: 8888, path: '/api', accept: 'any-answer', intervalMs: 1000, requestTimeoutMs: 3000, startupMs: 120_000 });
    expect(JSON.stringify(app.labels)).not.toContain(token);
    expect(readPgxLabels(app.labels)).toMatchObject({ kind: 'app', app: 'jupyterlab', port: 8888, urlPath: '/lab', healthPath: '/api' });
  });

  it('maps another box port onto Jupyter’s 8888 and mounts the folder asked for', () => {
    const other = launch({ app: 'jupyterlab', token, boxPort: 8890, notebookDir: '/data/my notebooks' });
    const run = words(other.command!)[1]!;
    expect(run).toContain('127.0.0.1:8890:8888');
    expect(run).toContain('/data/my notebooks:/workspace');
    expect(words(other.command!)[0]).toEqual(['mkdir', '-p', '/data/my notebooks']);
    expect(other.health.port).toBe(8890);
  });
});

describe('Ollama', () => {
  it('uses the box’s own service: nothing to start, its API probed', () => {
    const app = launch({ app: 'ollama' });
    expect(app).toMatchObject({ command: null, instance: { kind: 'box-service', unit: 'ollama' }, port: 11434, urlPath: '/', healthPath: '/api/version', labels: {} });
    expect(app.health).toMatchObject({ accept: 'ok', startupMs: 60_000 });
    expect(ollamaServiceStatusCommand).toBe('systemctl is-active ollama');
  });

  it('or runs the ollama/ollama container with its models in a named volume', () => {
    const app = launch({ app: 'ollama', mode: 'container', boxPort: 11435 });
    expect(app.command).toBe(
      'docker run -d --name pgx-ollama --gpus all --restart unless-stopped -p 127.0.0.1:11435:11434 -v ollama:/root/.ollama ' +
        '--label pgx-companion.app=ollama --label pgx-companion.health-path=/api/version --label pgx-companion.kind=app --label pgx-companion.port=11435 ' +
        `--label 'pgx-companion.recipe={"app":"ollama","mode":"container","boxPort":11435,"image":"ollama/ollama:latest"}' ` +
        '--label pgx-companion.schema=1 --label pgx-companion.url-path=/ ollama/ollama:latest',
    );
    expect(app.instance).toEqual({ kind: 'container', name: 'pgx-ollama' });
  });
});

describe('Open WebUI', () => {
  it('runs on the box network, listening on loopback only, talking to Ollama on the box', () => {
    const app = launch({ app: 'open-webui', ollamaPort: 11435 });
    const run = words(app.command!)[0]!;
    expect(run.slice(0, 9)).toEqual(['docker', 'run', '-d', '--name', 'pgx-open-webui', '--network', 'host', '--restart', 'unless-stopped']);
    expect(run).not.toContain('--gpus');
    expect(run).not.toContain('-p');
    expect(run).toEqual(expect.arrayContaining(['open-webui:/app/backend/data', 'PORT=8080', 'HOST=127.0.0.1', 'OLLAMA_BASE_URL=http://127.0.0.1:11435']));
    expect(run.at(-1)).toBe('ghcr.io/open-webui/open-webui:main');
    expect(app).toMatchObject({ port: 8080, urlPath: '/', healthPath: '/health', health: { accept: 'ok', startupMs: 300_000 } });
  });

  it('moves to another port by its PORT variable', () => {
    const run = words(launch({ app: 'open-webui', boxPort: 3000 }).command!)[0]!;
    expect(run).toContain('PORT=3000');
    expect(run).toContain('pgx-companion.port=3000');
  });
});

describe('DGX Dashboard', () => {
  it('is a tunnel to port 11000 and a health check, nothing to start', () => {
    expect(launch({ app: 'dgx-dashboard' })).toEqual({
      app: 'dgx-dashboard',
      instance: { kind: 'box-service', unit: null },
      command: null,
      port: 11000,
      urlPath: '/',
      healthPath: '/',
      health: { port: 11000, path: '/', accept: 'any-answer', intervalMs: 1000, requestTimeoutMs: 3000, startupMs: 10_000 },
      labels: {},
    });
  });
});

describe('custom apps', () => {
  it('runs a start script as a job on the box, its labels in the job’s spec.json', () => {
    const app = launch({ app: 'custom', id: 'my-app', name: 'My app, v2', boxPort: 9000, urlPath: '/ui', healthPath: '/healthz', run: { kind: 'host', script: 'cd ~/app && ./serve --port 9000' } });
    expect(app).toMatchObject({ instance: { kind: 'host-job', id: 'app-my-app' }, port: 9000, urlPath: '/ui', healthPath: '/healthz', labels: {} });
    expect(app.health).toMatchObject({ accept: 'any-answer', startupMs: 120_000 });
    expect(app.command).toContain('"$HOME"/.pgx-companion/jobs/app-my-app/spec.json; setsid nohup bash -lc ');
    const spec = JSON.parse(/printf '%s\\n' '(.*)' > /.exec(app.command!)![1]!) as Record<string, string>;
    expect(readPgxLabels(spec)).toMatchObject({ kind: 'app', app: 'custom-my-app', port: 9000, urlPath: '/ui', healthPath: '/healthz', recipe: { name: 'My app, v2', run: { kind: 'host', script: 'cd ~/app && ./serve --port 9000' } } });
  });

  it('or runs a container, publishing its port on the box port on loopback', () => {
    const app = launch({
      app: 'custom',
      id: 'comfy',
      name: 'ComfyUI',
      boxPort: 8188,
      startupSeconds: 600,
      run: { kind: 'container', containerPort: 8188, container: { image: 'nvcr.io/nvidia/pytorch:25.09-py3', env: [{ key: 'HF_TOKEN', value: 'hf_secret' }], ports: [{ box: 8188, container: 1 }], command: ['python', 'main.py', '--listen'] } },
    });
    const run = words(app.command!)[0]!;
    expect(run.slice(0, 5)).toEqual(['docker', 'run', '-d', '--name', 'pgx-app-comfy']);
    expect(run).toContain('127.0.0.1:8188:8188');
    expect(run).not.toContain('127.0.0.1:8188:1');
    expect(run).toContain('HF_TOKEN=hf_secret');
    expect(app.labels['pgx-companion.recipe']).not.toContain('hf_secret');
    expect(app).toMatchObject({ instance: { kind: 'container', name: 'pgx-app-comfy' }, health: { startupMs: 600_000 } });
    expect(readPgxLabels(app.labels)).toMatchObject({ app: 'custom-comfy', port: 8188, recipe: { run: { kind: 'container', containerPort: 8188, container: { env: [{ key: 'HF_TOKEN' }] } } } });
  });
});

describe('launch', () => {
  it('throws on a spec the schema refuses', () => {
    expect(() => launch({ app: 'nope' } as never)).toThrow();
    expect(() => launch({ app: 'jupyterlab', token: 'short' })).toThrow();
  });

  it('gives the probe a found-again app gets too', () => {
    for (const input of [{ app: 'jupyterlab', token }, { app: 'ollama' }, { app: 'open-webui' }, { app: 'dgx-dashboard' }] as const) {
      const app = launch(input);
      expect(healthProbeFor(app.app, app.port, app.healthPath)).toEqual(app.health);
    }
  });
});
