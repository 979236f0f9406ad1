import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventNames } from '../../src/contract/events.js';
import { methodNames } from '../../src/contract/methods.js';
import { eventNameList, methodNameList } from '../../src/contract/names.js';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke, on: vi.fn() },
  webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
}));

describe('preload', () => {
  beforeEach(async () => {
    await import('./preload.js');
  });

  it('exposes exactly capabilities, one named function per method, subscribe, and the path of a dropped file', () => {
    const api = exposed['pgx'] as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['pgx']);
    expect(Object.keys(api).sort()).toEqual(['calls', 'capabilities', 'pathForFile', 'subscribe']);
    // webUtils is Electron's own way to a File's path (File.path is gone since Electron 32).
    expect((api['pathForFile'] as (f: unknown) => string)({ path: '/Users/me/model.gguf' })).toBe('/Users/me/model.gguf');
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
