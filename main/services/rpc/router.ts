import {
  AppFailure,
  fail,
  isAppFailure,
  ok,
  type Result,
} from '../../../src/contract/errors.js';
import {
  isMethodName,
  methods,
  type MethodName,
  type MethodParsedRequest,
  type MethodResponse,
} from '../../../src/contract/methods.js';
import { badRequest } from '../../../src/contract/wire.js';
import { describeZodError } from './zod-error.js';
import type { Logger } from '../log.js';

/** What a handler knows about who called it. */
export interface CallContext {
  readonly clientId: string;
  /** Runs when the calling window or WebSocket goes away (subscriptions clean up here). */
  onClientClosed(cleanup: () => void): void;
}

export type Handler<M extends MethodName> = (
  request: MethodParsedRequest<M>,
  context: CallContext,
) => Promise<MethodResponse<M>> | MethodResponse<M>;

export type Handlers = { readonly [M in MethodName]: Handler<M> };

export interface RouterOptions {
  readonly log: Logger;
  /** Tests turn this on so a handler that returns the wrong shape fails loudly. */
  readonly checkResponses?: boolean;
}

/**
 * The one place where untrusted input from a renderer meets main: the method name is checked
 * against the contract, the payload is parsed with the method's zod schema, and whatever the
 * handler throws comes back as an error value.
 */
export const createRouter = (handlers: Handlers, options: RouterOptions) =>
  async function dispatch(method: unknown, payload: unknown, context: CallContext): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return fail(badRequest(`Unknown method ${JSON.stringify(String(method).slice(0, 100))}.`));
    }
    const parsed = methods[method].request.safeParse(payload);
    if (!parsed.success) {
      return fail(badRequest(`Invalid request for ${method}: ${describeZodError(parsed.error)}`));
    }
    try {
      const handler = handlers[method] as Handler<typeof method>;
      const value: unknown = await handler(parsed.data as never, context);
      if (options.checkResponses) {
        const checked = methods[method].response.safeParse(value);
        if (!checked.success) {
          throw new Error(`Response of ${method} does not match the contract: ${describeZodError(checked.error)}`);
        }
      }
      return ok(value);
    } catch (error) {
      if (isAppFailure(error)) return fail(error.error);
      options.log.error(`${method} failed unexpectedly`, error);
      return fail({
        code: 'internal',
        message: `PGX Companion hit an unexpected error while handling ${method}.`,
        hint: 'Try again; if it keeps happening, report it with the log file from Settings → About.',
      });
    }
  };

export type Dispatch = ReturnType<typeof createRouter>;
export { AppFailure };
