import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventNames } from '../../src/contract/events.js';
import { methodNames } from '../../src/contract/methods.js';
import { eventNameList, methodNameList } from '../../src/contract/names.js';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke, on: vi.fn() },
}));

describe('preload', () => {
  beforeEach(async () => {
    await import('./preload.js');
  });

  it('exposes exactly capabilities, one named function per method, and subscribe', () => {
    const api = exposed['pgx'] as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['pgx']);
    expect(Object.keys(api).sort()).toEqual(['calls', 'capabilities', 'subscribe']);
    expect(Object.keys(api['calls'] as object).sort()).toEqual([...methodNames].sort());
    for (const forbidden of ['send', 'invoke', 'ipcRenderer', 'sendSync', 'on']) expect(api).not.toHaveProperty(forbidden);
  });

  it('routes a named call to its own channel only', async () => {
    const api = exposed['pgx'] as { calls: Record<string, (p: unknown) => Promise<unknown>> };
    await api.calls['settings:get']!({});
    expect(invoke).toHaveBeenCalledWith('settings:get', {});
  });

  it('refuses to subscribe to anything but contract events', () => {
    const api = exposed['pgx'] as { subscribe: (n: string, f: () => void) => () => void };
    expect(() => api.subscribe('ELECTRON_BROWSER_WINDOW_ALERT', () => {})).toThrow(/Unknown event/);
    expect(typeof api.subscribe('settings:changed', () => {})).toBe('function');
  });

  it('lists the same names as the contract', () => {
    expect([...methodNameList].sort()).toEqual([...methodNames].sort());
    expect([...eventNameList].sort()).toEqual([...eventNames].sort());
  });
});
