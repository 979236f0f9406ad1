/**
 * One load-test request over HTTP to a port on this computer (a tunnel to the box, or a local
 * server), timed on a monotonic clock as its bytes are read. SSE framing is eventsource-parser's
 * (as the Playground's reader); each event goes to a StreamMeter. It always settles with a
 * RequestRecord: a failure is a record with its reason, never a throw, so a run can count it.
 */
import { request, type Agent } from 'node:http';
import { createParser } from 'eventsource-parser';
import type { RequestRecord } from '../../../src/domain/loadtest.js';
import { failedRecord, StreamMeter, wholeReplyRecord } from '../../../src/loadtest/stream-meter.js';
import { serverMessage, streamLimits } from '../playground/chat-stream.js';

export interface SendOptions {
  readonly port: number;
  readonly path: string;
  readonly body: string;
  readonly stream: boolean;
  readonly timeoutMs: number;
  /** Aborts the request at once (a cancelled run): it settles as 'cancelled'. */
  readonly signal: AbortSignal;
  readonly agent: Agent;
  /** When the level started, on `now`'s clock (sentAtMs is measured from it). */
  readonly levelStart: number;
  readonly now: () => number;
}

const socketWords = (error: NodeJS.ErrnoException): string =>
  error.code === 'ECONNRESET' || error.message === 'socket hang up' ? 'the connection was closed' : error.code === 'ECONNREFUSED' ? 'nothing listens on the port' : error.message;

export const sendRequest = (o: SendOptions): Promise<RequestRecord> =>
  new Promise((resolve) => {
    const meter = new StreamMeter(o.now());
    let sentAtMs = meter.sent - o.levelStart;
    let settled = false;
    let answered = false;
    /** `ended`: the response was read to its end, so its socket may serve the next request. */
    const settle = (record: RequestRecord, ended = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      resolve(record);
      if (!ended) req.destroy();
    };
    const fail = (reason: RequestRecord['failure'] & object) => settle(meter.failed(o.now(), sentAtMs, reason.reason, reason.status, reason.message));
    const onAbort = () => fail({ reason: 'cancelled', status: null, message: 'the run was cancelled' });
    const timer = setTimeout(() => fail({ reason: 'timeout', status: null, message: `no complete reply within ${Math.round(o.timeoutMs / 1000)} s` }), o.timeoutMs);

    const req = request(
      { host: '127.0.0.1', port: o.port, path: o.path, method: 'POST', agent: o.agent, headers: { 'content-type': 'application/json', accept: o.stream ? 'text/event-stream' : 'application/json', 'content-length': Buffer.byteLength(o.body) } },
      (res) => {
        answered = true;
        res.setEncoding('utf8');
        const status = res.statusCode ?? 0;
        const eventStream = String(res.headers['content-type'] ?? '').includes('text/event-stream');
        if (status >= 400 || (o.stream && !eventStream)) {
          let text = '';
          res.on('data', (part: string) => {
            if (text.length < streamLimits.errorBodyBytes) text += part;
          });
          res.on('end', () => fail({ reason: 'http', status, message: status >= 400 ? serverMessage(text) : `it answered ${String(res.headers['content-type'] ?? 'no content type')} instead of an event stream` }));
          res.on('error', (error) => fail({ reason: 'dropped', status, message: socketWords(error) }));
          return;
        }
        if (!o.stream) {
          let text = '';
          res.on('data', (part: string) => (text += part));
          res.on('end', () => settle(wholeReplyRecord(meter.sent, o.now(), sentAtMs, text), true));
          res.on('error', (error) => fail({ reason: 'dropped', status, message: socketWords(error) }));
          res.on('close', () => fail({ reason: 'dropped', status, message: 'the connection was cut before the reply ended' }));
          return;
        }
        const parser = createParser({
          onEvent: (event) => {
            const result = meter.event(o.now(), event.data);
            if (result.kind === 'error') fail({ reason: 'http', status, message: `the server stopped the reply with an error: ${result.message}` });
          },
        });
        res.on('data', (part: string) => parser.feed(part));
        res.on('end', () => {
          // A server that said finish_reason and then closed without [DONE] still finished its reply.
          if (meter.finished) settle(meter.done(o.now(), sentAtMs), true);
          else fail({ reason: 'dropped', status, message: `the stream ended after ${meter.contentChunks} chunks without finishing` });
        });
        res.on('error', (error) => fail({ reason: 'dropped', status, message: socketWords(error) }));
        res.on('close', () => fail({ reason: 'dropped', status, message: `the connection was cut after ${meter.contentChunks} chunks` }));
      },
    );
    // Small writes go out at once (no Nagle wait for an ACK the server may delay).
    req.on('socket', (socket) => socket.setNoDelay(true));
    // The clock starts when the request is written to its socket, not when it was queued: 64 sends
    // made at once are written one after another after this call returns, and that wait is the
    // client's, not the server's. (vLLM's benchmark starts its clock before session.post, so a
    // burst's later requests there carry the client's queueing in their TTFT.)
    req.on('finish', () => {
      meter.markSent(o.now());
      sentAtMs = meter.sent - o.levelStart;
    });
    req.on('error', (error: NodeJS.ErrnoException) => fail(answered ? { reason: 'dropped', status: null, message: socketWords(error) } : { reason: 'network', status: null, message: socketWords(error) }));
    if (o.signal.aborted) return settle(failedRecord(0, sentAtMs, 'cancelled', null, 'the run was cancelled'));
    o.signal.addEventListener('abort', onAbort, { once: true });
    req.end(o.body);
  });
