/**
 * Where PGX Companion keeps the private keys it creates for boxes (and key passphrases the user
 * asks it to remember). In the desktop app every value is encrypted with Electron's safeStorage
 * (the OS keychain: Keychain, DPAPI, libsecret). Browser mode has no keychain: values sit in a
 * file only this user can read (mode 0600), and the app says so wherever it matters.
 * Passwords are never stored anywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../store/json-file-backend.js';

export interface SecretStore {
  readonly kind: 'os-keychain' | 'file-0600';
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** Every secret whose name starts with `prefix` (a device's secrets, when it is removed). */
  deleteAll(prefix: string): void;
}

export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/** A JSON map in one file, written atomically with mode 0600; values optionally encrypted. */
export const fileSecretStore = (path: string, cipher?: SecretCipher): SecretStore => {
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const write = (map: Record<string, string>) => writeFileAtomic(path, `${JSON.stringify(map, null, 2)}\n`, 0o600);
  return {
    kind: cipher ? 'os-keychain' : 'file-0600',
    get: (name) => {
      const stored = read()[name];
      if (stored === undefined) return undefined;
      return cipher ? cipher.decrypt(Buffer.from(stored, 'base64')) : stored;
    },
    set: (name, value) => {
      const map = read();
      map[name] = cipher ? cipher.encrypt(value).toString('base64') : value;
      write(map);
    },
    delete: (name) => {
      const map = read();
      if (!(name in map)) return;
      delete map[name];
      write(map);
    },
    deleteAll: (prefix) => {
      const map = read();
      const kept = Object.fromEntries(Object.entries(map).filter(([key]) => !key.startsWith(prefix)));
      if (Object.keys(kept).length !== Object.keys(map).length) write(kept);
    },
  };
};
