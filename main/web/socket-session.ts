import type { WebSocket } from 'ws';
import { CallMessage, badRequest, type ServerMessage } from '../../src/contract/wire.js';
import { fail } from '../../src/contract/errors.js';
import type { Backend } from '../services/backend.js';
import type { Logger } from '../services/log.js';

/** Wires one WebSocket to one backend client: calls in, results and events out. */
export const attachSocket = (ws: WebSocket, backend: Backend, log: Logger): void => {
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(message));
  };
  const client = backend.connect((event) => send({ t: 'event', name: event.name, payload: event.payload }));
  send({ t: 'hello', capabilities: { shell: 'browser' } });

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      send({ t: 'result', id: null, result: fail(badRequest('Binary messages are not part of the protocol.')) });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      send({ t: 'result', id: null, result: fail(badRequest('The message is not valid JSON.')) });
      return;
    }
    const message = CallMessage.safeParse(raw);
    if (!message.success) {
      // Echo the id when it is one a caller could have meant, so it can match the error to its call.
      const candidate = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      const id = typeof candidate === 'number' && Number.isSafeInteger(candidate) && candidate >= 0 ? candidate : null;
      send({ t: 'result', id, result: fail(badRequest('The message is not a call envelope {t:"call", id, method, payload}.')) });
      return;
    }
    const { id, method, payload } = message.data;
    client
      .call(method, payload)
      .then((result) => send({ t: 'result', id, result }))
      .catch((error: unknown) => log.error('browser mode: call crashed', error));
  });
  ws.on('close', () => client.close());
  ws.on('error', (error) => log.warn('browser mode: socket error', error));
};
