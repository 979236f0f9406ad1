import { existsSync, renameSync } from 'node:fs';
import Store from 'electron-store';
import { CorruptDocument, type RawDocumentBackend } from '../store/document-store.js';

/**
 * The desktop app's persistence: electron-store over the same document and schema that browser
 * mode keeps in its JSON file (same folder, same file name), so both see the same devices.
 */
export const electronStoreBackend = (dataDir: string): RawDocumentBackend => {
  let store: Store<Record<string, unknown>> | undefined;
  const open = () => {
    if (!store) {
      try {
        store = new Store<Record<string, unknown>>({ name: 'settings', cwd: dataDir, configFileMode: 0o600, clearInvalidConfig: false });
      } catch {
        throw new CorruptDocument('the file is not valid JSON');
      }
    }
    return store;
  };
  const path = () => `${dataDir}/settings.json`;
  return {
    read() {
      if (!existsSync(path())) return undefined;
      return open().store;
    },
    write(value) {
      open().store = value as Record<string, unknown>;
    },
    quarantine() {
      if (!existsSync(path())) return undefined;
      store = undefined;
      const aside = `${path()}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path(), aside);
      return aside;
    },
  };
};
