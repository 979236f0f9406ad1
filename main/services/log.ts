import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Logger {
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

const render = (extra: unknown[]): string =>
  extra
    .map((item) => (item instanceof Error ? `${item.name}: ${item.message}` : typeof item === 'string' ? item : JSON.stringify(item)))
    .join(' ');

/**
 * Logs go to one file in the data folder (and to stderr when asked). Callers never pass secrets:
 * passwords and private keys are not logged anywhere, and a test greps the log for them.
 */
export const createLogger = (options: { file?: string; console?: boolean }): Logger => {
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  const write = (level: string, message: string, extra: unknown[]) => {
    const line = `${new Date().toISOString()} ${level} ${message}${extra.length ? ' ' + render(extra) : ''}\n`;
    if (options.file) {
      try {
        appendFileSync(options.file, line, { mode: 0o600 });
      } catch {
        // A log we cannot write must never take the app down.
      }
    }
    if (options.console) process.stderr.write(line);
  };
  return {
    info: (m, ...e) => write('INFO', m, e),
    warn: (m, ...e) => write('WARN', m, e),
    error: (m, ...e) => write('ERROR', m, e),
  };
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
