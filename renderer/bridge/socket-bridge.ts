import type { Bridge, Capabilities } from '../../src/contract/bridge.js';
import type { Result } from '../../src/contract/errors.js';
import type { ServerMessage } from '../../src/contract/wire.js';

type Pending = (result: Result<unknown>) => void;

export type SocketState = 'connecting' | 'open' | 'lost';

/**
 * Browser mode's bridge: one WebSocket to the backend on 127.0.0.1. The HttpOnly cookie set when
 * the tokened URL was opened authenticates the upgrade. If the socket drops (the backend
 * restarted), pending calls fail with a sentence and the state says so.
 */
export const connectSocketBridge = (
  url: string,
  onState: (state: SocketState) => void,
): Promise<Bridge> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const pending = new Map<number, Pending>();
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    let nextId = 1;
    let opened = false;
    onState('connecting');

    const lost = (): Result<never> => ({
      ok: false,
      error: {
        code: 'not-connected',
        message: 'The connection to the PGX Companion backend was lost.',
        hint: 'Run `npm start` again and open the new URL it prints.',
      },
    });

    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.t === 'hello') {
        opened = true;
        onState('open');
        resolve(bridge(message.capabilities));
      } else if (message.t === 'result') {
        if (message.id === null) return;
        const settle = pending.get(message.id);
        pending.delete(message.id);
        settle?.(message.result);
      } else {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      }
    });
    socket.addEventListener('close', () => {
      onState('lost');
      for (const settle of pending.values()) settle(lost());
      pending.clear();
      if (!opened) reject(new Error('The backend refused the connection (open the URL with its token again).'));
    });

    const bridge = (capabilities: Capabilities): Bridge => ({
      capabilities,
      call: (method, request) =>
        new Promise((settle) => {
          if (socket.readyState !== WebSocket.OPEN) return settle(lost());
          const id = nextId++;
          pending.set(id, settle as Pending);
          socket.send(JSON.stringify({ t: 'call', id, method, payload: request }));
        }),
      on: (name, listener) => {
        const set = listeners.get(name) ?? new Set();
        set.add(listener as (payload: unknown) => void);
        listeners.set(name, set);
        return () => set.delete(listener as (payload: unknown) => void);
      },
    });
  });
