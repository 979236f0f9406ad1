import type { Bridge } from '../../src/contract/bridge.js';
import type { Result } from '../../src/contract/errors.js';

/** The shape the preload exposes as window.pgx (see main/electron/preload.ts). */
export interface PreloadApi {
  readonly capabilities: { readonly shell: 'electron' };
  readonly calls: Readonly<Record<string, (payload: unknown) => Promise<unknown>>>;
  /** A picked or dropped file's path on this computer (Electron's webUtils.getPathForFile). */
  readonly pathForFile: (file: File) => string;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
}

export const electronBridge = (api: PreloadApi): Bridge => ({
  capabilities: api.capabilities,
  call: async (method, request) => {
    const fn = api.calls[method];
    if (!fn) return { ok: false, error: { code: 'bad-request', message: `Unknown method ${method}.`, hint: '' } };
    return (await fn(request)) as Result<never>;
  },
  on: (event, listener) => api.subscribe(event, listener as (payload: unknown) => void),
});
