import { ipcMain, type WebContents } from 'electron';
import { fail } from '../../src/contract/errors.js';
import { methodNameList } from '../../src/contract/names.js';
import type { Backend } from '../services/backend.js';
import type { ClientHandle } from '../services/rpc/hub.js';
import { isTrustedSenderUrl } from './window-options.js';

/**
 * Binds the contract to ipcMain. Each window is one backend client; every call is checked to come
 * from our own top-level page before its payload reaches the router (which parses it with zod).
 */
export const bindIpc = (backend: Backend) => {
  const clients = new Map<number, ClientHandle>();

  const clientFor = (contents: WebContents): ClientHandle => {
    const existing = clients.get(contents.id);
    if (existing) return existing;
    const client = backend.connect((event) => {
      if (!contents.isDestroyed()) contents.send('pgx:event', { name: event.name, payload: event.payload });
    });
    clients.set(contents.id, client);
    contents.once('destroyed', () => {
      client.close();
      clients.delete(contents.id);
    });
    return client;
  };

  for (const name of methodNameList) {
    ipcMain.handle(name, async (event, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame !== event.sender.mainFrame || !isTrustedSenderUrl(frame.url)) {
        return fail({ code: 'bad-request', message: 'Refused a call from an untrusted page.', hint: '' });
      }
      return clientFor(event.sender).call(name, payload);
    });
  }

  return () => {
    for (const name of methodNameList) ipcMain.removeHandler(name);
    for (const client of clients.values()) client.close();
    clients.clear();
  };
};
