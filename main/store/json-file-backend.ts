import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CorruptDocument, type RawDocumentBackend } from './document-store.js';

/** Write a file so that a crash leaves either the old or the new content, never half of one. */
export const writeFileAtomic = (path: string, content: string, mode = 0o600): void => {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content, { mode });
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  chmodSync(path, mode);
};

/** The browser-mode (and test) backend: a JSON file, mode 0600, written atomically. */
export const jsonFileBackend = (path: string, now: () => Date = () => new Date()): RawDocumentBackend => ({
  read() {
    if (!existsSync(path)) return undefined;
    const text = readFileSync(path, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new CorruptDocument('the file is not valid JSON');
    }
  },
  write(value) {
    writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
  },
  quarantine() {
    if (!existsSync(path)) return undefined;
    const aside = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, aside);
    return aside;
  },
});
