import type { Result } from './errors.js';
import type { EventName, EventPayload } from './events.js';
import type { MethodName, MethodRequest, MethodResponse } from './methods.js';

/**
 * The single capability flag that tells the two transports apart. Everything else about the
 * environment comes from `app:info`, which both transports answer the same way.
 */
export type Shell = 'electron' | 'browser';

export interface Capabilities {
  readonly shell: Shell;
}

/** What the renderer talks to. Implemented by the Electron preload and by the WebSocket client. */
export interface Bridge {
  readonly capabilities: Capabilities;
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<Result<MethodResponse<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
