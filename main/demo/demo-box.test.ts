/**
 * The demo box as the app meets it: an ssh2 client with the demo key, the host key pinned, exec
 * through the box's own shell, SFTP, a forwarded port to a simulated model server, and faults
 * from the menu. No OpenSSH anywhere.
 */
import { appConnection, demoServer } from '../../e2e/harness/app-connection.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import type { Client } from 'ssh2';
import { silentLogger } from '../services/log.js';
import { parseDockerPs } from '../../src/remote/parsers/docker-ps.js';
import { parseMeminfo } from '../../src/remote/parsers/proc-meminfo.js';
import { startDemoBox, type DemoBox } from './demo-box.js';

let box: DemoBox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

const connect = (demo: DemoBox): Promise<Client> =>
  new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: '127.0.0.1',
      port: demo.port,
      username: demo.user,
      privateKey: demo.clientPrivateKey,
      hostVerifier: (key: Buffer) => `ssh-ed25519 ${key.toString('base64')}` === demo.hostPublicKey,
      keepaliveInterval: 200,
      keepaliveCountMax: 2,
    });
  });

const exec = (client: Client, command: string): Promise<{ stdout: string; stderr: string; code: number | null }> =>
  new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (d: Buffer) => (stdout += d.toString()));
      channel.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      channel.on('exit', (c: number | null) => (code = c));
      channel.on('close', () => resolve({ stdout, stderr, code }));
    });
  });

const start = async (freezeMs?: number) => {
  box = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-demo-')), log: silentLogger, ...(freezeMs !== undefined ? { freezeMs } : {}) });
  box.update((state) => {
    state.tuning.serverReadyMs = 200;
  });
  return box;
};

describe('demo box', () => {
  it('commands run at once each get their exit status through SshConnection (none arrives before its listener)', async () => {
    const demo = await start();
    const connection = appConnection(demoServer(demo));
    await connection.connect();
    try {
      const results = await Promise.all(['echo a', 'false', "docker ps --format '{{json .}}'", 'docker images -q'].map((c) => connection.exec(c, { timeoutMs: 5_000 })));
      expect(results.map((r) => r.code)).toEqual([0, 1, 0, 0]);
      expect(results[0]!.stdout).toBe('a\n');
    } finally {
      connection.disconnect();
    }
  });

  it('a command that reads its stdin still answers with its output and exit status after the input ends', async () => {
    const demo = await start();
    const connection = appConnection(demoServer(demo));
    await connection.connect();
    try {
      // The input ending must not end the channel under the command (it did: code null, no output).
      expect(await connection.exec('wc -c', { stdin: 'hello' })).toMatchObject({ code: 0, stdout: '5\n' });
      expect(await connection.exec('mkdir -p "$HOME"/in && cat > "$HOME"/in/x.txt', { stdin: 'saved' })).toMatchObject({ code: 0 });
      expect(await connection.exec('cat ~/in/x.txt')).toMatchObject({ code: 0, stdout: 'saved' });
    } finally {
      connection.disconnect();
    }
  });

  it('runs docker run then docker ps across two exec channels, and /proc/meminfo is a GB10’s', async () => {
    const demo = await start();
    const client = await connect(demo);
    const run = await exec(client, "docker run -d --name demo-x nvcr.io/nvidia/pytorch:25.09-py3 sleep infinity");
    expect(run.code).toBe(0);
    const ps = parseDockerPs((await exec(client, "docker ps --format '{{json .}}'")).stdout);
    expect(ps.containers.map((c) => c.name)).toContain('demo-x');
    const meminfo = parseMeminfo((await exec(client, 'cat /proc/meminfo')).stdout);
    expect(meminfo.ok && meminfo.meminfo.totalBytes).toBe(125_513_720 * 1024);
    client.end();
  });

  it('refuses what it does not run, with a sentence', async () => {
    const client = await connect(await start());
    const result = await exec(client, 'for i in 1 2; do echo $i; done');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^demo box: this shell runs only the commands PGX Companion sends; `for` is not supported here\.\n$/);
    client.end();
  });

  it('serves SFTP on the demo folder', async () => {
    const client = await connect(await start());
    const sftp = await new Promise<ssh2.SFTPWrapper>((resolve, reject) => client.sftp((e, s) => (e ? reject(e) : resolve(s))));
    await new Promise<void>((resolve, reject) => sftp.writeFile('/home/demo/hello.txt', '你好 demo\n', (e) => (e ? reject(e) : resolve())));
    expect((await exec(client, 'cat ~/hello.txt')).stdout).toBe('你好 demo\n');
    client.end();
  });

  it('forwards a box port to a simulated model server started by docker run', async () => {
    const client = await connect(await start());
    expect((await exec(client, 'docker run -d --gpus all -p 8000:8000 --name vllm nvcr.io/nvidia/vllm:25.09-py3 vllm serve Qwen/Qwen3-8B')).code).toBe(0);
    const body = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const answer = await new Promise<string>((resolve) => {
          client.forwardOut('127.0.0.1', 0, '127.0.0.1', 8000, (error, channel) => {
            if (error) return resolve('');
            let text = '';
            channel.on('data', (d: Buffer) => (text += d.toString()));
            channel.on('close', () => resolve(text));
            channel.end('GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
          });
        });
        if (answer.startsWith('HTTP/1.1 200')) return answer;
        await new Promise((r) => setTimeout(r, 50));
      }
      return '';
    })();
    expect(body).toContain('"id":"Qwen/Qwen3-8B"');
    client.end();
  });

  it('out of memory: the biggest model is OOM-killed and the box stops answering, then comes back', async () => {
    const demo = await start(1_500);
    const client = await connect(demo);
    expect((await exec(client, 'docker run -d --gpus all --name big nvcr.io/nvidia/vllm:25.09-py3 vllm serve Qwen/Qwen3-8B')).code).toBe(0);
    const failed = new Promise<Error>((resolve) => client.on('error', resolve));
    demo.setFault('out-of-memory', true);
    expect((await failed).message).toMatch(/Keepalive timeout/i);
    // After the freeze the box answers again, and docker tells what happened.
    let again: Client | undefined;
    for (let i = 0; i < 100 && !again; i += 1) {
      again = await connect(demo).catch(() => undefined);
      if (!again) await new Promise((r) => setTimeout(r, 100));
    }
    const state = JSON.parse((await exec(again!, "docker inspect -f '{{json .State}}' big")).stdout) as { OOMKilled: boolean; ExitCode: number };
    expect(state).toMatchObject({ OOMKilled: true, ExitCode: 137 });
    expect(demo.faults()['out-of-memory']).toBe(false);
    again!.end();
  });

  it('the Ollama daemon answers on 11434 through a port forward, as on DGX OS', async () => {
    const client = await connect(await start());
    const answer = await new Promise<string>((resolve, reject) => {
      client.forwardOut('127.0.0.1', 0, '127.0.0.1', 11434, (error, channel) => {
        if (error) return reject(error);
        let text = '';
        channel.on('data', (d: Buffer) => (text += d.toString()));
        channel.on('close', () => resolve(text));
        channel.end('GET /api/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
    });
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(answer).toContain('{"version":"0.30.5"}');
    client.end();
  });

  it('connection-dropped resets every connection; new ones still work', async () => {
    const demo = await start();
    const client = await connect(demo);
    const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
    client.on('error', () => {});
    demo.setFault('connection-dropped', true);
    await closed;
    const next = await connect(demo);
    expect((await exec(next, 'echo back')).stdout).toBe('back\n');
    next.end();
  });
});
