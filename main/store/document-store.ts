import type { z } from 'zod';
import { migrate, type MigrationStep } from './migrations.js';

/** Raw persistence: the whole document as a JSON value. Implemented by a file and by electron-store. */
export interface RawDocumentBackend {
  /** The stored value; undefined when nothing is stored yet. Throws CorruptDocument when unreadable. */
  read(): unknown;
  write(value: unknown): void;
  /** Keep the unreadable original aside; returns where it went (or undefined if there was nothing). */
  quarantine(): string | undefined;
}

export class CorruptDocument extends Error {}

export interface DocumentStore<T> {
  get(): T;
  set(next: T): void;
  /** Set when loading had to recover: a sentence for the user. */
  readonly recovery: string | undefined;
}

export interface DocumentStoreOptions<T> {
  readonly backend: RawDocumentBackend;
  readonly schema: z.ZodType<T>;
  readonly currentVersion: number;
  readonly migrations: readonly MigrationStep[];
  readonly defaults: () => T;
}

/**
 * Loads, validates and migrates the document once; writes go through the backend (atomic).
 * A corrupt, invalid or too-new file is moved aside (never deleted) and the app starts from
 * defaults, with a sentence saying what happened and where the old copy is.
 */
export const openDocumentStore = <T>(options: DocumentStoreOptions<T>): DocumentStore<T> => {
  const { backend, schema } = options;
  let recovery: string | undefined;
  let current: T;

  const startOver = (reason: string): T => {
    let kept: string | undefined;
    try {
      kept = backend.quarantine();
    } catch {
      kept = undefined;
    }
    recovery = kept
      ? `Your settings could not be read (${reason}); PGX Companion started with defaults and kept the old file at ${kept}.`
      : `Your settings could not be read (${reason}); PGX Companion started with defaults.`;
    const fresh = options.defaults();
    backend.write(fresh);
    return fresh;
  };

  let raw: unknown;
  let unreadable: string | undefined;
  try {
    raw = backend.read();
  } catch (error) {
    unreadable = error instanceof CorruptDocument ? error.message : `it could not be opened: ${String(error)}`;
  }

  if (unreadable !== undefined) {
    current = startOver(unreadable);
  } else if (raw === undefined) {
    current = options.defaults();
    backend.write(current);
  } else {
    const outcome = migrate(raw, options.migrations, options.currentVersion);
    if (outcome.kind === 'invalid') current = startOver(outcome.reason);
    else if (outcome.kind === 'too-new') {
      current = startOver(`it was written by a newer PGX Companion (format ${outcome.version})`);
    } else {
      const parsed = schema.safeParse(outcome.document);
      if (!parsed.success) current = startOver('some values are not valid');
      else {
        current = parsed.data;
        if (outcome.kind === 'migrated') backend.write(current);
      }
    }
  }

  return {
    get: () => current,
    set: (next) => {
      const parsed = schema.parse(next);
      backend.write(parsed);
      current = parsed;
    },
    get recovery() {
      return recovery;
    },
  };
};
