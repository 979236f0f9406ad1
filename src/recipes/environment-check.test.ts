import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'ssh2';
import { connectTo, exec } from '../../e2e/harness/ssh-client.js';
import { startSshd, type Sshd } from '../../e2e/harness/sshd.js';
import { environmentCheckCommand, readEnvironmentCheck, type CheckResult } from './environment-check.js';

/** The environment check through real bash on the test bed's sshd, simulator tools on PATH. */
describe('environment check', () => {
  let sshd: Sshd;
  let client: Client;
  const check = async () => readEnvironmentCheck((await exec(client, environmentCheckCommand())).stdout);
  const byId = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));

  beforeAll(async () => {
    sshd = await startSshd({ simulator: true });
    client = await connectTo(sshd);
  });
  afterAll(async () => {
    client?.end();
    await sshd?.stop();
  });

  it('a healthy box: driver with CUDA, docker without sudo, NVIDIA runtime, disk, nsys', async () => {
    const results = byId(await check());
    expect(results['driver']).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^NVIDIA GB10, driver 580\.\d+\.\d+, CUDA 13\.0$/) });
    expect(results['docker']!.status).toBe('pass');
    expect(results['docker-group']!.status).toBe('pass');
    expect(results['runtime']!.status).toBe('pass');
    expect(results['nsys']!.status).toBe('pass');
    expect(['pass', 'warn', 'fail']).toContain(results['disk']!.status);
    expect(results['disk']!.detail).toMatch(/GB free of \d+ GB on \/$/);
    // This machine is not an Arm box, and nothing serves DGX Dashboard here: both say so.
    expect(results['arch']).toMatchObject({ status: process.arch === 'arm64' ? 'pass' : 'warn' });
    expect(results['dashboard']).toMatchObject({ status: 'warn', fix: 'sudo systemctl enable --now dgx-dashboard' });
  });

  it('each problem comes with its fix', async () => {
    sshd.sim!.setFault('docker-permission', true);
    expect(byId(await check())['docker-group']).toMatchObject({ status: 'fail', fix: 'sudo usermod -aG docker $USER && newgrp docker' });
    sshd.sim!.setFault('docker-permission', false);
    sshd.sim!.setFault('nvidia-runtime-missing', true);
    expect(byId(await check())['runtime']).toMatchObject({ status: 'fail', fix: expect.stringContaining('nvidia-ctk runtime configure --runtime=docker') });
    sshd.sim!.setFault('nvidia-runtime-missing', false);
    sshd.sim!.setFault('docker-missing', true);
    expect(byId(await check())['docker']).toMatchObject({ status: 'fail', detail: 'docker is not installed' });
    sshd.sim!.setFault('docker-missing', false);
    sshd.sim!.setFault('nvidia-smi-missing', true);
    expect(byId(await check())['driver']!.status).toBe('fail');
    sshd.sim!.setFault('nvidia-smi-missing', false);
  });
});
