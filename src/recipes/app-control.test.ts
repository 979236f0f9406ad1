import { describe, expect, it } from 'vitest';
import { appKey, appLogsCommand, readServiceStates, removeAppCommand, serviceStatesAnswered, serviceStatesCommand, startContainerAppCommand, stopAppCommand } from './app-control.js';

describe('app control', () => {
  it('names an app by where it runs', () => {
    expect(appKey({ kind: 'container', name: 'pgx-jupyterlab' })).toBe('container:pgx-jupyterlab');
    expect(appKey({ kind: 'host-job', id: 'app-notes' })).toBe('job:app-notes');
    expect(appKey({ kind: 'box-service', unit: 'ollama' })).toBe('service:ollama');
    expect(appKey({ kind: 'box-service', unit: null })).toBe('service:dgx-dashboard');
  });

  it('stops, removes and reads a container with the docker builders', () => {
    const where = { kind: 'container', name: 'pgx-jupyterlab' } as const;
    expect(stopAppCommand(where, null)).toBe('LC_ALL=C docker stop -t 10 pgx-jupyterlab');
    expect(removeAppCommand(where)).toBe('LC_ALL=C docker rm --force pgx-jupyterlab');
    expect(startContainerAppCommand(where)).toBe('LC_ALL=C docker start pgx-jupyterlab');
    expect(appLogsCommand(where, 200)).toBe('LC_ALL=C docker logs --tail 200 --timestamps pgx-jupyterlab');
  });

  it('stops a job by its process group, and only with a pid', () => {
    const where = { kind: 'host-job', id: 'app-notes' } as const;
    expect(stopAppCommand(where, 4242)).toBe('kill -TERM -- -4242');
    expect(stopAppCommand(where, null)).toBeNull();
    expect(removeAppCommand(where)).toBe('rm -rf "$HOME"/.pgx-companion/jobs/app-notes');
    expect(appLogsCommand(where, 50)).toBe('tail -n 50 "$HOME"/.pgx-companion/jobs/app-notes/log');
    expect(startContainerAppCommand(where)).toBeNull();
  });

  it('leaves box services to systemd', () => {
    const where = { kind: 'box-service', unit: 'ollama' } as const;
    expect(stopAppCommand(where, null)).toBeNull();
    expect(removeAppCommand(where)).toBeNull();
    expect(appLogsCommand(where, 10)).toBeNull();
  });

  it('asks systemd about units and reads its words in order', () => {
    expect(serviceStatesCommand(['ollama', 'dgx-dashboard'])).toBe('systemctl is-active ollama dgx-dashboard');
    expect(() => serviceStatesCommand(['ollama; reboot'])).toThrow(RangeError);
    expect([...readServiceStates(['ollama', 'dgx-dashboard'], 'active\ninactive\n')]).toEqual([
      ['ollama', 'active'],
      ['dgx-dashboard', 'inactive'],
    ]);
    expect(readServiceStates(['ollama'], '').get('ollama')).toBe('unknown');
  });

  it('reads the words whichever of systemd’s own exit codes came, and not when systemctl is missing', () => {
    expect([0, 3, 4].map(serviceStatesAnswered)).toEqual([true, true, true]);
    expect([1, 127, null].map(serviceStatesAnswered)).toEqual([false, false, false]);
  });
});
