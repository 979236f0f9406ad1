import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { eventNameList, methodNameList } from '../../src/contract/names.js';

/**
 * The renderer's only door into main. It exposes one named function per contract method and a
 * subscribe() limited to contract events: there is no generic send or invoke, and no ipcRenderer.
 */
const eventChannel = 'pgx:event';
const knownEvents: ReadonlySet<string> = new Set(eventNameList);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(eventChannel, (_event: IpcRendererEvent, message: { name: string; payload: unknown }) => {
  for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
});

const calls = Object.fromEntries(
  methodNameList.map((name) => [name, (payload: unknown) => ipcRenderer.invoke(name, payload) as Promise<unknown>]),
);

export const exposedApi = Object.freeze({
  capabilities: Object.freeze({ shell: 'electron' as const }),
  calls: Object.freeze(calls),
  /** The path on this computer of a File from a file input or a drop (uploads); '' for one that has none. */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  subscribe(name: string, listener: (payload: unknown) => void): () => void {
    if (!knownEvents.has(name)) throw new Error(`Unknown event ${name}`);
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => set.delete(listener);
  },
});

contextBridge.exposeInMainWorld('pgx', exposedApi);
