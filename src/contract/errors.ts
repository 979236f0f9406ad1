/**
 * Errors cross every boundary as values. The set of codes is closed: a switch over ErrorCode is
 * exhaustive, and the renderer can pick an icon or an action per code.
 */
export const errorCodes = [
  // the call itself
  'bad-request',
  'unknown-method',
  'internal',
  'cancelled',
  'not-found',
  'conflict',
  'unsupported',
  'io-error',
  // connections
  'not-connected',
  'dns-not-found',
  'host-unreachable',
  'connection-refused',
  'timeout',
  'connection-lost',
  'auth-failed',
  'auth-password-wrong',
  'auth-key-refused',
  'auth-passphrase-needed',
  'too-many-auth-failures',
  'account-locked',
  'host-key-unknown',
  'host-key-changed',
  'box-rebooting',
  'secret-store-unavailable',
  // the box
  'remote-command-failed',
  'tool-missing',
  'docker-missing',
  'docker-permission',
  'nvidia-runtime-missing',
  'image-arch-mismatch',
  'image-not-found',
  'port-in-use',
  'disk-full',
  'out-of-memory',
  'memory-guard',
  'not-ready',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  readonly code: ErrorCode;
  /** One sentence a user can read: what went wrong. */
  readonly message: string;
  /** What to do about it (a command, a setting, a step). Empty only when nothing can be done. */
  readonly hint: string;
  /** Optional extra lines for a "details" disclosure (last log lines, exit code). Never secrets. */
  readonly details?: readonly string[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/** Thrown inside main and converted to a Result value at the boundary. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

export const appError = (
  code: ErrorCode,
  message: string,
  hint: string,
  details?: readonly string[],
): AppError => (details && details.length > 0 ? { code, message, hint, details } : { code, message, hint });

export const failure = (code: ErrorCode, message: string, hint: string, details?: readonly string[]): AppFailure =>
  new AppFailure(appError(code, message, hint, details));

export const isAppFailure = (e: unknown): e is AppFailure => e instanceof AppFailure;
