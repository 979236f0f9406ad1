import { describe, expect, it } from 'vitest';
import { ollamaServiceStartCommand, ollamaServiceStatusCommand, readServiceState } from '../../../../../src/recipes/app-health.js';
import { testBox } from '../../testing.js';
import { programs } from '../index.js';
import { relativeAgo } from './systemctl-units.js';

const systemctl = programs['systemctl']!;
const words = (line: string) => line.split(' ').slice(1);

describe('systemctl is-active on the simulated box', () => {
  it('answers the app’s own `systemctl is-active ollama` from the state: active (0), then inactive (3) once it stops serving', async () => {
    const box = testBox();
    const on = await box.run(systemctl, 'systemctl', words(ollamaServiceStatusCommand));
    expect(on).toEqual({ stdout: 'active\n', stderr: '', code: 0 });
    expect(readServiceState(on.stdout)).toBe('active');

    box.store.update((s) => {
      s.ollama.serving = false;
    }, box.now);
    const off = await box.run(systemctl, 'systemctl', words(ollamaServiceStatusCommand));
    expect(off).toEqual({ stdout: 'inactive\n', stderr: '', code: 3 });
    expect(readServiceState(off.stdout)).toBe('inactive');
  });

  it('prints one word per unit; 0 when one is active, 3 when none is, 4 when none exists; .service and sshd are accepted', async () => {
    const box = testBox({ mutate: (s) => void (s.ollama.serving = false) });
    expect(await box.run(systemctl, 'systemctl', ['is-active', 'dgx-dashboard.service', 'docker', 'ssh', 'sshd'])).toMatchObject({ stdout: 'active\nactive\nactive\nactive\n', code: 0 });
    expect(await box.run(systemctl, 'systemctl', ['is-active', 'ollama', 'dgx-dashboard'])).toMatchObject({ stdout: 'inactive\nactive\n', code: 0 });
    expect(await box.run(systemctl, 'systemctl', ['is-active', 'ollama', 'no-such-unit'])).toMatchObject({ stdout: 'inactive\ninactive\n', code: 3 });
    expect(await box.run(systemctl, 'systemctl', ['is-active', 'no-such-unit'])).toEqual({ stdout: 'inactive\n', stderr: '', code: 4 });
    expect(await box.run(systemctl, 'systemctl', ['is-active', '--quiet', 'ollama'])).toEqual({ stdout: '', stderr: '', code: 3 });
  });

  it('under the docker-missing fault there is no docker unit: inactive, exit 4', async () => {
    const box = testBox();
    expect((await box.run(systemctl, 'systemctl', ['is-active', 'docker'])).code).toBe(0);
    box.store.update((s) => void (s.faults['docker-missing'] = true), box.now);
    expect(await box.run(systemctl, 'systemctl', ['is-active', 'docker'])).toEqual({ stdout: 'inactive\n', stderr: '', code: 4 });
    expect(await box.run(systemctl, 'systemctl', ['status', 'docker'])).toEqual({ stdout: '', stderr: 'Unit docker.service could not be found.\n', code: 4 });
  });
});

describe('systemctl status', () => {
  it('shows a running unit’s block with when it started (from boot), and exits 0', async () => {
    const box = testBox();
    const { stdout, code } = await box.run(systemctl, 'systemctl', ['status', 'ollama', '--no-pager']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('● ollama.service - Ollama Service');
    expect(lines[1]).toBe('     Loaded: loaded (/etc/systemd/system/ollama.service; enabled; preset: enabled)');
    // The test box booted 3 h 17 min before 09:00:00 UTC; the service came up 12 s later.
    expect(lines[2]).toBe('     Active: active (running) since Wed 2026-11-25 05:43:12 UTC; 3h 16min ago');
    expect(lines).toContain('   Main PID: 1482 (ollama)');
    expect(lines).toContain('             └─1482 /usr/local/bin/ollama serve');
  });

  it('a stopped unit is ○ inactive (dead) with exit 3; docker shows what triggers it', async () => {
    const box = testBox({ mutate: (s) => void (s.ollama.serving = false) });
    expect(await box.run(systemctl, 'systemctl', ['status', 'ollama.service'])).toEqual({
      stdout: '○ ollama.service - Ollama Service\n     Loaded: loaded (/etc/systemd/system/ollama.service; enabled; preset: enabled)\n     Active: inactive (dead)\n',
      stderr: '',
      code: 3,
    });
    const docker = await box.run(systemctl, 'systemctl', ['status', 'docker']);
    expect(docker.stdout).toContain('TriggeredBy: ● docker.socket\n       Docs: https://docs.docker.com\n');
  });

  it('writes time since start as systemd does', () => {
    const s = 1000;
    expect([0, 420, 42 * s, 185 * s, 16 * 60 * s, 3 * 3600 * s + 16 * 60 * s, 7 * 3600 * s, 26 * 3600 * s, 3 * 86_400 * s, 9 * 86_400 * s].map(relativeAgo)).toEqual([
      'now',
      '420ms ago',
      '42s ago',
      '3min 5s ago',
      '16min ago',
      '3h 16min ago',
      '7h ago',
      '1 day 2h ago',
      '3 days ago',
      '1 week 2 days ago',
    ]);
  });
});

describe('systemctl start/stop/enable as the demo user', () => {
  it('refuses as polkit does over SSH, exit 1, and the service keeps running', async () => {
    const box = testBox();
    expect(await box.run(systemctl, 'systemctl', ['start', 'ollama'])).toEqual({
      stdout: '',
      stderr: "Failed to start ollama.service: Interactive authentication required.\nSee system logs and 'systemctl status ollama.service' for details.\n",
      code: 1,
    });
    expect((await box.run(systemctl, 'systemctl', ['stop', 'ollama.service'])).stderr).toMatch(/^Failed to stop ollama\.service: Interactive authentication required\./);
    // What the app's own start command runs after sudo: enable fails before --now starts anything.
    expect(await box.run(systemctl, 'systemctl', words(ollamaServiceStartCommand).slice(1))).toEqual({ stdout: '', stderr: 'Failed to enable unit: Interactive authentication required.\n', code: 1 });
    expect(box.state().ollama.serving).toBe(true);
    expect(box.servers.stopped).toEqual([]);
  });

  it('knows its own usage errors', async () => {
    const box = testBox();
    expect(await box.run(systemctl, 'systemctl', ['is-active'])).toEqual({ stdout: '', stderr: 'Too few arguments.\n', code: 1 });
    expect(await box.run(systemctl, 'systemctl', ['frobnicate', 'ollama'])).toEqual({ stdout: '', stderr: "Unknown command verb 'frobnicate'.\n", code: 1 });
    expect((await box.run(systemctl, 'systemctl', ['--bogus', 'status'])).stderr).toBe("systemctl: unrecognized option '--bogus'\n");
  });
});
