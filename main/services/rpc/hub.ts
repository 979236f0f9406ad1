import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventName, EventPayload } from '../../../src/contract/events.js';
import type { Result } from '../../../src/contract/errors.js';
import type { CallContext, Dispatch } from './router.js';
import type { Logger } from '../log.js';

export type EventSink = (event: EventEnvelope) => void;

/** One window (Electron) or one WebSocket (browser mode). */
export interface ClientHandle {
  readonly id: string;
  call(method: unknown, payload: unknown): Promise<Result<unknown>>;
  close(): void;
}

interface Client {
  readonly sink: EventSink;
  readonly cleanups: Array<() => void>;
}

/**
 * Keeps track of connected clients: routes their calls and fans events out to them.
 * Events go to every client by default; features that stream per client (terminals,
 * telemetry subscriptions) use emitTo.
 */
export class ClientHub {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly dispatch: Dispatch,
    private readonly log: Logger,
  ) {}

  connect(sink: EventSink): ClientHandle {
    const id = randomUUID();
    const client: Client = { sink, cleanups: [] };
    this.clients.set(id, client);
    const context: CallContext = {
      clientId: id,
      onClientClosed: (cleanup) => {
        if (this.clients.has(id)) client.cleanups.push(cleanup);
        else cleanup();
      },
    };
    return {
      id,
      call: (method, payload) => this.dispatch(method, payload, context),
      close: () => this.disconnect(id),
    };
  }

  get size(): number {
    return this.clients.size;
  }

  broadcast<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const client of this.clients.values()) this.deliver(client, { name, payload });
  }

  emitTo<E extends EventName>(clientId: string, name: E, payload: EventPayload<E>): boolean {
    const client = this.clients.get(clientId);
    if (!client) return false;
    this.deliver(client, { name, payload });
    return true;
  }

  closeAll(): void {
    for (const id of [...this.clients.keys()]) this.disconnect(id);
  }

  private deliver(client: Client, event: EventEnvelope): void {
    try {
      client.sink(event);
    } catch (error) {
      this.log.warn(`could not deliver ${event.name}`, error);
    }
  }

  private disconnect(id: string): void {
    const client = this.clients.get(id);
    if (!client) return;
    this.clients.delete(id);
    for (const cleanup of client.cleanups.splice(0)) {
      try {
        cleanup();
      } catch (error) {
        this.log.warn('cleanup after a client left failed', error);
      }
    }
  }
}
