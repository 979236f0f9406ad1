/**
 * State changes across commands agree: run then ps/inspect/logs/stats, stop then ps -a, rm;
 * logs grow with the clock; `logs -f` streams and stops when interrupted or when the container
 * stops; conflicts (name, port) give the daemon's texts.
 */
import { describe, expect, it } from 'vitest';
import { parseDockerInspect, parseInspectLabels } from '../../../../../src/remote/parsers/docker-inspect.js';
import { parseDockerPs } from '../../../../../src/remote/parsers/docker-ps.js';
import { parseDockerStats } from '../../../../../src/remote/parsers/docker-stats.js';
import { dockerBox, run, stream, waitFor } from './docker-testing.js';

const trickyLabels = {
  'pgx-companion.kind': 'serve',
  'pgx-companion.recipe': '{"engine":"vllm","args":["--max-model-len","8192"],"note":"a,b=c"}',
  'pgx-companion.title': 'Qwen3 8B — 日本語 <test> & "quotes"',
  'pgx-companion.empty': '',
};

const vllmArgs = (name: string, port = 8000) => ['run', '-d', '--name', name, '--gpus', 'all', '--ipc=host', '-p', `${port}:8000`, 'nvcr.io/nvidia/vllm:25.09-py3', 'vllm', 'serve', 'Qwen/Qwen3-8B'];

describe('run → ps → inspect → stop → rm', () => {
  it('round-trips pgx-companion labels exactly through inspect, and through ps where commas allow', async () => {
    const box = dockerBox();
    const labelArgs = Object.entries(trickyLabels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    const started = await run(box, 'run', '-d', '--name', 'job', ...labelArgs, 'ubuntu', 'sleep', 'infinity');
    expect(started.code).toBe(0);
    const id = started.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const inspected = parseInspectLabels((await run(box, 'inspect', '--format', '{{json .Config.Labels}}', 'job')).stdout);
    expect(inspected).toMatchObject(trickyLabels);

    const ps = parseDockerPs((await run(box, 'ps', '--filter', 'label=pgx-companion.kind=serve', '--format', '{{json .}}')).stdout);
    expect(ps.containers.map((c) => c.id)).toEqual([id.slice(0, 12)]);
    expect(ps.containers[0]!.labels).toMatchObject(trickyLabels);

    const full = parseDockerInspect((await run(box, 'inspect', 'job')).stdout);
    expect(full.ok && full.items[0]).toMatchObject({ kind: 'container', id, name: 'job', labels: trickyLabels, state: { status: 'running', running: true } });
  });

  it('filters by name, status and label presence; -q prints ids; --no-trunc full ids', async () => {
    const box = dockerBox();
    const a = (await run(box, 'run', '-d', '--name', 'alpha', '-l', 'pgx-companion.kind=app', 'ubuntu', 'sleep', 'infinity')).stdout.trim();
    await run(box, 'run', '--name', 'beta', 'ubuntu', 'true');
    expect((await run(box, 'ps', '-q')).stdout).toBe(`${a.slice(0, 12)}\n`);
    expect((await run(box, 'ps', '-q', '--no-trunc')).stdout).toBe(`${a}\n`);
    expect((await run(box, 'ps', '--filter', 'status=exited', '--format', '{{.Names}}')).stdout).toBe('beta\n');
    expect((await run(box, 'ps', '-a', '--filter', 'label=pgx-companion.kind', '--format', '{{.Names}} {{.State}}')).stdout).toBe('alpha running\n');
    expect((await run(box, 'ps', '-a', '--filter', 'name=^/be', '--format', '{{.ID}}\t{{.Names}}')).stdout).toMatch(/^[0-9a-f]{12}\tbeta\n$/);
    const table = (await run(box, 'ps', '-a')).stdout.split('\n');
    expect(table[0]).toMatch(/^CONTAINER ID {3}IMAGE {5}COMMAND +CREATED +STATUS +PORTS +NAMES$/);
    expect(table[2]).toContain('Exited (0) Less than a second ago');
  });

  it('stop ends the engine: exit code, GPU process and server gone, shutdown lines in the log; rm removes it', async () => {
    const box = dockerBox({ readyMs: 5_000 });
    const id = (await run(box, ...vllmArgs('vllm'))).stdout.trim();
    expect(box.state().gpuProcesses.map((p) => [p.name, p.containerId])).toEqual([['VLLM::EngineCore', id]]);
    expect(box.servers.running()).toEqual([id]);
    box.advance(6_000);
    expect((await run(box, 'rm', 'vllm')).stderr).toBe('Error response from daemon: cannot remove container "vllm": container is running: stop the container before removing or force remove\n');
    expect((await run(box, 'stop', 'vllm')).stdout).toBe('vllm\n');
    expect(box.state().gpuProcesses).toEqual([]);
    expect(box.servers.stopped).toContain(id);
    expect(box.servers.running()).toEqual([]);
    const ps = parseDockerPs((await run(box, 'ps', '-a', '--format', '{{json .}}')).stdout).containers[0]!;
    expect(ps.status).toMatchObject({ kind: 'exited', exitCode: 0 });
    expect(ps.ports).toEqual([]);
    const logs = await run(box, 'logs', '--tail', '4', 'vllm');
    expect(logs.stderr).toBe('(APIServer pid=1) INFO:     Shutting down\n(APIServer pid=1) INFO:     Waiting for application shutdown.\n(APIServer pid=1) INFO:     Application shutdown complete.\n(APIServer pid=1) INFO:     Finished server process [1]\n');
    expect((await run(box, 'rm', 'vllm')).stdout).toBe('vllm\n');
    expect((await run(box, 'ps', '-aq')).stdout).toBe('');
    expect((await run(box, 'logs', 'vllm')).stderr).toBe('Error response from daemon: No such container: vllm\n');
  });

  it('a shell that ignores SIGTERM exits 137 after the timeout; kill is 137 at once; --rm containers vanish', async () => {
    const box = dockerBox();
    await run(box, 'run', '-d', '--name', 'sleeper', 'ubuntu', 'sleep', 'infinity');
    await run(box, 'stop', '-t', '0', 'sleeper');
    expect((await run(box, 'inspect', '-f', '{{.State.ExitCode}} {{.State.Status}}', 'sleeper')).stdout).toBe('137 exited\n');
    await run(box, 'run', '-d', '--rm', '--name', 'temp', 'ubuntu', 'sleep', 'infinity');
    expect((await run(box, 'kill', 'temp')).stdout).toBe('temp\n');
    expect((await run(box, 'ps', '-a', '--format', '{{.Names}}')).stdout).toBe('sleeper\n');
    expect((await run(box, 'kill', 'sleeper')).stderr).toMatch(/^Error response from daemon: cannot kill container: sleeper: container [0-9a-f]{64} is not running\n$/);
  });

  it('an image run with no command exits at once (its bash has nothing to read) unless -it keeps stdin open', async () => {
    const box = dockerBox();
    await run(box, 'run', '-d', '--name', 'gone', 'nvcr.io/nvidia/pytorch:25.09-py3');
    await run(box, 'run', '-d', '-it', '--name', 'kept', 'nvcr.io/nvidia/pytorch:25.09-py3');
    const status = async (name: string) => (await run(box, 'inspect', '-f', '{{.State.Status}}', name)).stdout;
    expect([await status('gone'), await status('kept')]).toEqual(['exited\n', 'running\n']);
  });

  it('restart brings the engine back with a new GPU process and server', async () => {
    const box = dockerBox({ readyMs: 1_000 });
    const id = (await run(box, ...vllmArgs('vllm'))).stdout.trim();
    box.advance(2_000);
    expect((await run(box, 'restart', '-t', '0', 'vllm')).stdout).toBe('vllm\n');
    expect(box.servers.started.filter((s) => s.id === id)).toHaveLength(2);
    expect(box.state().gpuProcesses).toHaveLength(1);
    expect((await run(box, 'inspect', '-f', '{{.State.Status}}', 'vllm')).stdout).toBe('running\n');
  });
});

describe('logs', () => {
  it('grow with the clock: the engine’s startup appears line by line, readiness at serverReadyMs', async () => {
    const box = dockerBox({ readyMs: 10_000 });
    await run(box, ...vllmArgs('vllm'));
    const early = await run(box, 'logs', 'vllm');
    expect(early.stdout).toContain('Automatically detected platform cuda.');
    expect(early.stdout).not.toContain('GPU KV cache size');
    box.advance(7_500);
    const middle = await run(box, 'logs', 'vllm');
    expect(middle.stdout).toMatch(/\[kv_cache_utils\.py:2235\] GPU KV cache size: [\d,]+ tokens/);
    expect(middle.stderr).not.toContain('Application startup complete.');
    box.advance(2_500);
    const ready = await run(box, 'logs', '-t', 'vllm');
    expect(ready.stderr).toMatch(/^2026-11-25T09:00:10\.\d{9}Z \(APIServer pid=1\) INFO: {5}Application startup complete\.$/m);
    expect(ready.stdout).toContain('[launcher.py:105] API server: HTTP server started');
  });

  it('--tail and --since select entries', async () => {
    const box = dockerBox({ readyMs: 10_000 });
    await run(box, ...vllmArgs('vllm'));
    box.advance(10_000);
    const all = await run(box, 'logs', 'vllm');
    const count = `${all.stdout}${all.stderr}`.trim().split('\n').length;
    const tail = await run(box, 'logs', '-n', '3', 'vllm');
    expect(`${tail.stdout}${tail.stderr}`.trim().split('\n')).toHaveLength(3);
    const since = await run(box, 'logs', '--since', '1s', 'vllm');
    const recent = `${since.stdout}${since.stderr}`.trim().split('\n');
    expect(recent.length).toBeGreaterThan(3);
    expect(recent.length).toBeLessThan(count);
    expect(recent.join('\n')).not.toContain('Automatically detected platform');
  });

  it('-f streams new lines as the clock moves and stops when interrupted', async () => {
    const box = dockerBox({ readyMs: 10_000 });
    await run(box, ...vllmArgs('vllm'));
    const follow = stream(box, ['logs', '-f', 'vllm']);
    await waitFor(() => follow.output().includes('Automatically detected platform'));
    expect(follow.output()).not.toContain('GPU KV cache size');
    box.advance(8_000);
    await waitFor(() => follow.output().includes('GPU KV cache size'));
    follow.interrupt();
    expect(await follow.done).toBe(130);
  });

  it('-f ends by itself when the container stops', async () => {
    const box = dockerBox();
    await run(box, 'run', '-d', '--name', 'counter', 'ubuntu', 'sh', '-c', 'echo one; sleep 30; echo never');
    const follow = stream(box, ['logs', '-f', 'counter']);
    await waitFor(() => follow.output().includes('one'));
    box.advance(31_000);
    expect(await follow.done).toBe(0);
  });
});

describe('stats', () => {
  it('a GPU server shows its unified memory against ~119.7GiB and CPU while loading', async () => {
    const box = dockerBox({ readyMs: 10_000 });
    await run(box, ...vllmArgs('vllm'));
    box.advance(2_000);
    const loading = parseDockerStats((await run(box, 'stats', '--no-stream', '--format', '{{json .}}')).stdout).entries[0]!;
    expect(loading.cpuPercent).toBeGreaterThan(100);
    box.advance(10_000);
    const out = (await run(box, 'stats', '--no-stream', '--format', '{{json .}}', 'vllm')).stdout;
    const loaded = parseDockerStats(out).entries[0]!;
    expect(out).toContain('/ 119.7GiB"');
    expect(loaded.container).toBe('vllm');
    expect(loaded.memoryUsedBytes!).toBeGreaterThan(0.9 * loaded.memoryLimitBytes! * 0.9);
    expect(loaded.cpuPercent).toBeLessThan(5);
    expect(loaded.pids).toBeGreaterThan(100);
  });
});

describe('conflicts', () => {
  it('a second container on a taken port is created but not started (Bind … port is already allocated)', async () => {
    const box = dockerBox();
    await run(box, ...vllmArgs('one', 8000));
    const second = await run(box, ...vllmArgs('two', 8000));
    expect(second.code).toBe(125);
    expect(second.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(second.stderr).toMatch(
      /^docker: Error response from daemon: driver failed programming external connectivity on endpoint two \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8000 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/,
    );
    expect((await run(box, 'ps', '-a', '--filter', 'name=two', '--format', '{{.State}}')).stdout).toBe('created\n');
  });

  it('a taken name is the daemon’s Conflict text', async () => {
    const box = dockerBox();
    // A one-letter name is not a valid container name (two characters at least, as the daemon checks).
    expect((await run(box, 'run', '-d', '--name', 'x', 'ubuntu', 'true')).stderr).toContain('Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
    const id = (await run(box, 'run', '-d', '--name', 'xy', 'ubuntu', 'sleep', 'infinity')).stdout.trim();
    const again = await run(box, 'run', '-d', '--name', 'xy', 'ubuntu', 'true');
    expect(again.code).toBe(125);
    expect(again.stderr).toBe(
      `docker: Error response from daemon: Conflict. The container name "/xy" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n`,
    );
  });
});

describe('exec and one-shot runs', () => {
  it('runs builtins inside a container and gives the OCI error for unknown programs', async () => {
    const box = dockerBox();
    await run(box, 'run', '-d', '--name', 'pt', '--gpus', 'all', '-e', 'FOO=bar', 'nvcr.io/nvidia/pytorch:25.09-py3', 'sleep', 'infinity');
    expect((await run(box, 'exec', 'pt', 'printenv', 'FOO')).stdout).toBe('bar\n');
    expect((await run(box, 'exec', 'pt', 'python3', '-c', 'import torch; print(torch.cuda.is_available())')).stdout).toBe('True\n');
    const missing = await run(box, 'exec', 'pt', 'nvtop');
    expect(missing.code).toBe(127);
    expect(missing.stdout).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "nvtop": executable file not found in $PATH: unknown\r\n');
    await run(box, 'stop', '-t', '0', 'pt');
    expect((await run(box, 'exec', 'pt', 'true')).stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n$/);
  });

  it('an attached one-shot prints its output and returns its exit code', async () => {
    const box = dockerBox();
    const hello = await run(box, 'run', '--rm', 'hello-world');
    expect(hello.stderr).toContain("Unable to find image 'hello-world:latest' locally");
    expect(hello.stdout).toContain('Hello from Docker!');
    expect(hello.code).toBe(0);
    expect((await run(box, 'run', 'ubuntu', 'false')).code).toBe(1);
    expect((await run(box, 'ps', '-a', '--format', '{{.Status}}')).stdout).toMatch(/^Exited \(1\) /);
  });
});
