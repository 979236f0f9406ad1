/**
 * The exact command lines of the apps and docker builders, run as the demo box runs what the app
 * sends: its shell interprets the line, the GB10 simulator's docker answers. What the parsers
 * read back is what the app will see from the demo box (and, the simulator matching the
 * captures, from a real one).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessTable, runCommandLine, type ShellHost } from './shell/index.js';
import { initialState } from './sim/box.js';
import { renderProcFile } from './sim/proc.js';
import { programs } from './sim/programs/index.js';
import { rootedFs } from './sim/sim-fs.js';
import { fileLogStore, memoryStateStore } from './sim/state-store.js';
import type { FaultName } from './sim/faults.js';
import { type RecordingServerHost, recordingServerHost } from './sim/testing.js';
import {
  containerLogsCommand,
  containerStatsCommand,
  inspectImagesCommand,
  imagePlatformsCommand,
  inspectContainersCommand,
  listContainersCommand,
  listImagesCommand,
  pullImageCommand,
  removeContainersCommand,
  restartContainersCommand,
  startContainersCommand,
  stopContainersCommand,
} from '../../src/remote/commands/docker.js';
import { jobProcessesCommand, listHostJobsCommand, parseHostJobs, parseJobProcesses, stopHostJobCommand } from '../../src/remote/commands/host-job.js';
import { parseDockerImages } from '../../src/remote/parsers/docker-images.js';
import { type DockerContainerInspect, parseDockerInspect } from '../../src/remote/parsers/docker-inspect.js';
import { parseImagePlatforms } from '../../src/remote/parsers/docker-manifest.js';
import { parseDockerPs } from '../../src/remote/parsers/docker-ps.js';
import { parseDockerStats } from '../../src/remote/parsers/docker-stats.js';
import { parsePullOutput } from '../../src/remote/parsers/docker-pull.js';
import { appsFromContainers, appsFromHostJobs, openUrlPath } from '../../src/recipes/app-discovery.js';
import { launch } from '../../src/recipes/apps.js';
import { checkImagePlatform, ContainerRunSpec, labelledContainer, runCommand } from '../../src/recipes/container-run.js';
import { dockerAppError } from '../../src/recipes/docker-problems.js';

interface DemoBox {
  readonly host: ShellHost;
  readonly servers: RecordingServerHost;
  /** Moves the box's clock (logs and readiness follow it). */
  advance(ms: number): void;
  setFault(fault: FaultName, on: boolean): void;
  run(line: string): Promise<{ stdout: string; stderr: string; status: number }>;
}

const boxes: DemoBox[] = [];

afterEach(() => {
  for (const box of boxes.splice(0)) box.host.processes.killAll();
});

const demoBox = (): DemoBox => {
  let clock = Date.UTC(2026, 10, 25, 9, 0, 0);
  const state = initialState({ now: clock });
  // Pulls in milliseconds, servers ready a second after they start.
  state.tuning.downloadBytesPerSec = 2 * 1024 ** 4;
  state.tuning.serverReadyMs = 1_000;
  const store = memoryStateStore(state);
  const root = mkdtempSync(join(tmpdir(), 'pgx-apps-'));
  const fs = rootedFs({ root, home: '/home/demo', diskFull: () => store.read().faults['disk-full'] === true });
  for (const dir of ['/home/demo', '/tmp']) fs.mkdirp(dir);
  const servers = recordingServerHost();
  const host: ShellHost = {
    store,
    fs,
    logs: fileLogStore(join(root, '.logs')),
    servers,
    now: () => clock,
    programs,
    nativeScripts: {},
    virtualFile: (path) => renderProcFile(path, store.read(), clock),
    missing: (program) => program === 'docker' && store.read().faults['docker-missing'] === true,
    user: 'demo',
    hostname: 'pgx-demo',
    processes: createProcessTable(),
  };
  const box: DemoBox = {
    host,
    servers,
    advance: (ms) => {
      clock += ms;
    },
    setFault: (fault, on) => store.update((s) => {
      s.faults[fault] = on;
    }, clock),
    run: async (line) => {
      let stdout = '';
      let stderr = '';
      const status = await runCommandLine(host, line, { write: (t) => (stdout += t), error: (t) => (stderr += t), signal: new AbortController().signal }, { env: { HOME: '/home/demo', USER: 'demo', PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' } });
      return { stdout, stderr, status };
    },
  };
  boxes.push(box);
  return box;
};

const ok = async (box: DemoBox, line: string) => {
  const result = await box.run(line);
  expect(result.status, `${line}\n${result.stderr}`).toBe(0);
  return result.stdout;
};

const containers = async (box: DemoBox) => parseDockerPs(await ok(box, listContainersCommand({ only: 'app' }))).containers;

const waitFor = async (condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('apps on the demo box', () => {
  it('starts JupyterLab, finds it again by its labels and opens it with the token from its env', async () => {
    const box = demoBox();
    const token = 'ab12'.repeat(12);
    const app = launch({ app: 'jupyterlab', token });
    await ok(box, app.command!);
    expect(box.host.fs.exists('/home/demo/notebooks')).toBe(true);
    expect(box.servers.started).toEqual([expect.objectContaining({ kind: 'jupyter', port: 8888, token })]);

    const [found] = appsFromContainers(await containers(box));
    expect(found).toMatchObject({ app: 'jupyterlab', running: true, port: 8888, urlPath: '/lab', healthPath: '/api', where: { kind: 'container', name: 'pgx-jupyterlab' } });
    const inspected = parseDockerInspect(await ok(box, inspectContainersCommand(['pgx-jupyterlab'])));
    const container = (inspected.ok ? inspected.items[0] : undefined) as DockerContainerInspect;
    expect(container).toMatchObject({ restartPolicy: 'unless-stopped', ipcMode: 'host', gpus: { count: -1 }, portBindings: [{ hostIp: '127.0.0.1', hostPort: 8888, containerPort: 8888 }] });
    expect(openUrlPath(found!, container.env)).toBe(app.urlPath);

    box.advance(2_000);
    const logs = await box.run(containerLogsCommand('pgx-jupyterlab', { tail: 20 }));
    expect(logs.stderr).toContain(`http://127.0.0.1:8888${app.urlPath}`);
  });

  it('runs the Ollama container and Open WebUI beside it, each answering on its box port', async () => {
    const box = demoBox();
    await ok(box, launch({ app: 'ollama', mode: 'container', boxPort: 11435 }).command!);
    await ok(box, launch({ app: 'open-webui', ollamaPort: 11435 }).command!);
    expect(box.servers.started.map((s) => [s.kind, s.port])).toEqual([
      ['ollama', 11435],
      ['open-webui', 8080],
    ]);
    const apps = appsFromContainers(await containers(box));
    expect(apps.map((a) => [a.app, a.port, a.running])).toEqual(
      expect.arrayContaining([
        ['ollama', 11435, true],
        ['open-webui', 8080, true],
      ]),
    );
    const stats = parseDockerStats(await ok(box, containerStatsCommand())).entries;
    expect(stats.map((e) => [e.name, e.id.length])).toEqual(expect.arrayContaining([['pgx-ollama', 64], ['pgx-open-webui', 64]]));
    const inspected = parseDockerInspect(await ok(box, inspectImagesCommand(['ollama/ollama:latest'])));
    expect(inspected.ok && inspected.items[0]).toMatchObject({ kind: 'image', architecture: 'arm64', exposedPorts: ['11434/tcp'] });
    const images = parseDockerImages(await ok(box, listImagesCommand())).images.map((i) => `${i.repository}:${i.tag}`);
    expect(images).toEqual(expect.arrayContaining(['ollama/ollama:latest', 'ghcr.io/open-webui/open-webui:main', 'nvcr.io/nvidia/pytorch:25.09-py3']));
  });

  it('stops, starts, restarts and removes an app container with the builders', async () => {
    const box = demoBox();
    await ok(box, launch({ app: 'ollama', mode: 'container' }).command!);
    const state = async () => (await containers(box)).map((c) => c.state);
    expect(await ok(box, stopContainersCommand(['pgx-ollama'], { timeoutSeconds: 5 }))).toBe('pgx-ollama\n');
    expect(await state()).toEqual(['exited']);
    expect(appsFromContainers(await containers(box))[0]).toMatchObject({ app: 'ollama', running: false });
    await ok(box, startContainersCommand(['pgx-ollama']));
    expect(await state()).toEqual(['running']);
    await ok(box, restartContainersCommand(['pgx-ollama']));
    expect(await state()).toEqual(['running']);
    expect(await ok(box, removeContainersCommand(['pgx-ollama'], { force: true }))).toBe('pgx-ollama\n');
    expect(await state()).toEqual([]);
  });

  it('runs a custom start script as a job, finds it live, and stops it', async () => {
    const box = demoBox();
    const app = launch({ app: 'custom', id: 'notes', name: 'Notes', boxPort: 9000, run: { kind: 'host', script: 'sleep 60' } });
    await ok(box, app.command!);
    await waitFor(async () => parseHostJobs(await ok(box, listHostJobsCommand()))[0]?.pid !== null);
    const jobs = parseHostJobs(await ok(box, listHostJobsCommand()));
    const pid = jobs[0]!.pid!;
    const alive = async () => parseJobProcesses((await box.run(jobProcessesCommand([pid]))).stdout);
    expect(appsFromHostJobs(jobs, await alive())).toEqual([expect.objectContaining({ app: 'custom', customId: 'notes', running: true, port: 9000, where: { kind: 'host-job', id: 'app-notes', pid } })]);
    await ok(box, stopHostJobCommand(pid));
    await waitFor(async () => (await alive()).size === 0);
    expect(appsFromHostJobs(parseHostJobs(await ok(box, listHostJobsCommand())), await alive())[0]).toMatchObject({ running: false });
  });
});

describe('images and problems on the demo box', () => {
  it('checks an image’s platforms on the box when pulled, and at the registry before that', async () => {
    const box = demoBox();
    const local = parseImagePlatforms(await ok(box, imagePlatformsCommand('nvcr.io/nvidia/pytorch:25.09-py3')));
    expect(local).toEqual({ ok: true, value: { source: 'local', architectures: ['arm64'], platforms: ['linux/arm64'] } });
    expect(checkImagePlatform(local.ok ? local.value.architectures : [])).toEqual({ ok: true, verified: true });
    // Not on the box yet: the registry's manifest says (`docker manifest inspect --verbose`).
    const remote = parseImagePlatforms(await ok(box, imagePlatformsCommand('ubuntu:24.04')));
    expect(remote).toMatchObject({ ok: true, value: { source: 'registry', architectures: ['arm64', 'amd64'] } });
    box.setFault('image-amd64-only', true);
    const amd64 = parseImagePlatforms(await ok(box, imagePlatformsCommand('nginx:latest')));
    expect(amd64).toMatchObject({ ok: true, value: { source: 'registry', architectures: ['amd64'] } });
    expect(checkImagePlatform(amd64.ok ? amd64.value.architectures : [], 'nginx:latest')).toMatchObject({ ok: false });
    // A tag the registry does not have: nobody can tell, so nothing is refused on a guess.
    const unknown = await box.run(imagePlatformsCommand('ubuntu:no-such-tag'));
    expect(parseImagePlatforms(unknown.stdout).ok).toBe(false);
    expect(checkImagePlatform([])).toEqual({ ok: true, verified: false });
  });

  it('pulls with progress the pull parser reads, then refuses an amd64-only image before running it', async () => {
    const box = demoBox();
    box.setFault('image-amd64-only', true);
    const pulled = parsePullOutput(await ok(box, pullImageCommand('ubuntu:24.04')));
    expect(pulled).toMatchObject({ finished: true, upToDate: false });
    const platforms = parseImagePlatforms(await ok(box, imagePlatformsCommand('ubuntu:24.04')));
    expect(platforms).toMatchObject({ ok: true, value: { source: 'local', architectures: ['amd64'] } });
    expect(checkImagePlatform(platforms.ok ? platforms.value.architectures : [], 'ubuntu:24.04')).toMatchObject({ ok: false, message: expect.stringContaining('ubuntu:24.04 is built only for amd64') });
    // Run anyway: the container dies the way the box says it would, and the app explains it.
    await ok(box, runCommand(labelledContainer(ContainerRunSpec.parse({ image: 'ubuntu:24.04', name: 'x86-tool', restart: 'no', command: ['sleep', 'infinity'] }))));
    box.advance(1_000);
    const logs = await box.run(containerLogsCommand('x86-tool'));
    expect(dockerAppError(logs.stdout + logs.stderr)).toMatchObject({ code: 'image-arch-mismatch' });
  });

  it('explains the failures a box can give, from the simulator’s own texts', async () => {
    const box = demoBox();
    const jupyter = launch({ app: 'jupyterlab', token: 'a'.repeat(40) });

    box.setFault('nvidia-runtime-missing', true);
    expect(dockerAppError((await box.run(jupyter.command!)).stderr)).toMatchObject({ code: 'nvidia-runtime-missing', hint: expect.stringContaining('nvidia-ctk runtime configure --runtime=docker') });
    box.setFault('nvidia-runtime-missing', false);
    // As with real docker, the failed run leaves the container created: it must go before a retry.
    expect((await containers(box)).map((c) => [c.name, c.state])).toEqual([['pgx-jupyterlab', 'created']]);
    await ok(box, removeContainersCommand(['pgx-jupyterlab']));

    await ok(box, jupyter.command!);
    expect(dockerAppError((await box.run(jupyter.command!)).stderr)).toMatchObject({ code: 'conflict', hint: expect.stringContaining('docker rm --force pgx-jupyterlab') });

    await ok(box, launch({ app: 'ollama', mode: 'container', boxPort: 12000 }).command!);
    const clash = runCommand(ContainerRunSpec.parse({ image: 'ubuntu:24.04', name: 'clash', ports: [{ box: 12000, container: 80 }] }));
    expect(dockerAppError((await box.run(clash)).stderr)).toMatchObject({ code: 'port-in-use', message: expect.stringContaining('Port 12000') });

    box.setFault('docker-permission', true);
    expect(dockerAppError((await box.run(listContainersCommand())).stderr)).toMatchObject({ code: 'docker-permission', hint: expect.stringContaining('sudo usermod -aG docker "$USER"') });
    box.setFault('docker-permission', false);

    box.setFault('docker-missing', true);
    expect(dockerAppError((await box.run(listContainersCommand())).stderr)).toMatchObject({ code: 'docker-missing' });
  });
});
