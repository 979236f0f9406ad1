/** What went wrong with a Playground reply, as a sentence and what to do about it. */
import { appError, type AppError } from '../../../src/contract/errors.js';
import type { StreamFailure } from './chat-stream.js';

export interface FailureContext {
  readonly boxPort: number;
  readonly localPort: number;
  readonly model: string;
  /** What the server serves (GET /v1/models), asked only after a 404; null when unknown. */
  readonly models: readonly string[] | null;
  /** Why the tunnel last could not reach the box port (its own words), if it said. */
  readonly tunnelError: string | null;
}

const modelMissing = (status: number, message: string): boolean => status === 404 || (/model/i.test(message) && /not (exist|found)|does not exist|unknown/i.test(message));

export const failureError = (failure: StreamFailure, ctx: FailureContext): AppError => {
  const where = `box port ${ctx.boxPort} (laptop port ${ctx.localPort})`;
  switch (failure.kind) {
    case 'unreachable':
      return appError(
        'connection-refused',
        `The server on ${where} did not answer: ${ctx.tunnelError ?? failure.reason}.`,
        'Check on the Serve page that the server is running and ready (its log says why it stopped), and that the box is connected.',
      );
    case 'http': {
      if (modelMissing(failure.status, failure.message)) {
        const served = ctx.models?.length ? `It serves: ${ctx.models.join(', ')}.` : 'GET /v1/models did not say which models it serves.';
        return appError('not-found', `The server on ${where} does not serve “${ctx.model}” (HTTP ${failure.status}: ${failure.message}).`, `${served} Pick the server again on the Serve page, or use the name it was started with (--served-model-name).`);
      }
      if (failure.status >= 500) {
        return appError('remote-command-failed', `The server on ${where} failed with HTTP ${failure.status}: ${failure.message}`, 'Its log on the Serve page says why; a server out of memory or crashed needs a restart.');
      }
      return appError('bad-request', `The server on ${where} refused the request with HTTP ${failure.status}: ${failure.message}`, 'Lower max tokens or shorten the conversation if it is past the model’s context length; Clear starts a new one.');
    }
    case 'stream-error':
      return appError('remote-command-failed', `The server on ${where} stopped the reply with an error: ${failure.message}`, 'Its log on the Serve page says more; send again once it is fixed.');
    case 'dropped':
      return appError(
        'connection-lost',
        `The reply broke off after ${failure.textChunks} ${failure.textChunks === 1 ? 'chunk' : 'chunks'}: ${failure.reason}.`,
        'The server may have crashed (see its log on the Serve page) or the box disconnected; send again once it is back.',
      );
  }
};
