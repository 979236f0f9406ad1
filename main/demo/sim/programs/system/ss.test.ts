import { describe, expect, it } from 'vitest';
import { parseListeningPorts } from '../../../../../src/remote/parsers/ss-listen.js';
import { testBox } from '../../testing.js';
import { ss } from './ss.js';

describe('ss on the simulated box', () => {
  it('lists sshd, Ollama’s and DGX Dashboard’s host services, and the published ports of running containers only, as the parser reads a real box', async () => {
    const box = testBox();
    const base = { image: 'x', imageId: 'sha256:x', command: [], entrypoint: '', labels: {}, env: [], mounts: [], gpus: undefined, ipcHost: false, privileged: false, restartPolicy: 'no', networkMode: 'bridge', createdAt: box.now, startedAt: box.now, finishedAt: undefined, exitCode: 0, workload: 'generic' as const, pid: 100 };
    box.store.update((state) => {
      state.ollama.serving = true;
      state.containers.push({ ...base, id: 'a'.repeat(64), name: 'jupyter', ports: [{ hostIp: '0.0.0.0', hostPort: 8888, containerPort: 8888, protocol: 'tcp' }], state: 'running' });
      state.containers.push({ ...base, id: 'b'.repeat(64), name: 'gone', ports: [{ hostIp: '0.0.0.0', hostPort: 9999, containerPort: 80, protocol: 'tcp' }], state: 'exited' });
    }, box.now);
    const { stdout, code } = await box.run(ss, 'ss', ['-ltnpH']);
    expect(code).toBe(0);
    expect(parseListeningPorts(stdout).map((p) => [p.port, p.public])).toEqual([
      [22, true],
      [8888, true],
      [11000, false],
      [11434, false],
    ]);
    expect((await box.run(ss, 'ss', ['-x'])).code).toBe(1);
  });
});
