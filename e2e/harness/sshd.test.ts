import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quote, sh } from '../../src/remote/quote.js';
import { hostileStrings } from './hostile-strings.js';
import { connectTo, exec } from './ssh-client.js';
import { startSshd, type Sshd } from './sshd.js';
import { processesMentioning } from './processes.js';

describe('sshd harness', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd({ simulator: true });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('accepts the client key and runs commands as the test user with the simulator first on PATH', async () => {
    const client = await connectTo(sshd);
    const result = await exec(client, 'id -un; echo "$PATH"; command -v docker nvidia-smi cat');
    client.end();
    const [user, path, ...tools] = result.stdout.trim().split('\n');
    expect(user).toBe(sshd.user);
    expect(path).toBe(sshd.sim!.path);
    expect(tools).toEqual([`${sshd.sim!.binDir}/docker`, `${sshd.sim!.binDir}/nvidia-smi`, expect.stringMatching(/sysbin\/cat$/)]);
  });

  it('round-trips hostile strings byte for byte through the quoting helper and real bash', async () => {
    const client = await connectTo(sshd);
    for (const value of hostileStrings) {
      const result = await exec(client, sh`printf %s ${value}`);
      expect(Buffer.from(result.stdout, 'utf8').equals(Buffer.from(value, 'utf8')), JSON.stringify(value)).toBe(true);
    }
    // And several at once, as separate words.
    const result = await exec(client, sh`printf '%s\\0' ${hostileStrings}`);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostileStrings);
    client.end();
    expect(quote("'; rm -rf ~")).toBe(`''\\''; rm -rf ~'`);
  });

  it('logs in with the password when running as root', async (context) => {
    if (!sshd.canPassword) context.skip();
    const client = await connectTo(sshd, { privateKey: undefined, password: sshd.password });
    expect((await exec(client, 'echo ok')).stdout).toBe('ok\n');
    client.end();
  });

  it('cuts live connections on demand', async () => {
    const client = await connectTo(sshd);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    expect(sshd.cutConnections()).toBeGreaterThan(0);
    await closed;
  });

  it('leaves nothing running once stopped', async () => {
    const other = await startSshd({ simulator: true });
    const client = await connectTo(other);
    await exec(client, 'echo hi');
    await other.stop();
    client.end();
    expect(processesMentioning(other.dir)).toEqual([]);
  });
});
