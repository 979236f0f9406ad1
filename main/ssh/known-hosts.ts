/**
 * OpenSSH known_hosts, read-only: plain and hashed (`|1|salt|hmac`) host entries, `[host]:port`
 * for non-default ports, comma lists, `*`/`?` patterns with `!` negation, and the `@revoked` /
 * `@cert-authority` markers. PGX Companion honours what the user's OpenSSH already trusts and
 * never writes the user's file.
 */
import { createHmac } from 'node:crypto';

export interface KnownHostEntry {
  readonly marker: 'revoked' | 'cert-authority' | undefined;
  /** The host field as written (hashed entries keep their `|1|…` form). */
  readonly hosts: string;
  readonly keyType: string;
  /** Base64 of the public key blob. */
  readonly key: string;
  readonly line: number;
}

export const parseKnownHosts = (text: string): KnownHostEntry[] => {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [hosts, keyType, key] = fields;
    if (!hosts || !keyType || !key) return;
    entries.push({ marker, hosts, keyType, key, line: index + 1 });
  });
  return entries;
};

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export const hostPattern = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);

const wildcard = (pattern: string, name: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(name);

const hashedMatches = (field: string, name: string): boolean => {
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
};

/** Whether an entry's host field names this host:port. */
export const entryMatches = (hosts: string, host: string, port: number): boolean => {
  // ssh lowercases the name it looks up (and hashes), so `GB10.local` finds `gb10.local`.
  const name = hostPattern(host.toLowerCase(), port);
  if (hosts.startsWith('|')) return hashedMatches(hosts, name);
  let matched = false;
  for (const pattern of hosts.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcard(pattern.slice(1), name)) return false;
    } else if (wildcard(pattern, name)) matched = true;
  }
  return matched;
};

export type KnownHostVerdict =
  | { readonly kind: 'match' }
  | { readonly kind: 'revoked' }
  /** The host is known with other keys: `line`s say where, for the explanation. */
  | { readonly kind: 'mismatch'; readonly lines: readonly number[] }
  | { readonly kind: 'unknown' };

/**
 * What known_hosts says about this key for this host. A host may have several keys (one per
 * type); a key of a type the file does not list for the host counts as unknown, as OpenSSH
 * treats it — but a different key of a listed type is a mismatch.
 */
export const checkKnownHosts = (entries: readonly KnownHostEntry[], host: string, port: number, keyType: string, key: string): KnownHostVerdict => {
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && entryMatches(e.hosts, host, port));
  if (forHost.some((e) => e.marker === 'revoked' && e.key === key)) return { kind: 'revoked' };
  const plain = forHost.filter((e) => e.marker === undefined);
  if (plain.some((e) => e.keyType === keyType && e.key === key)) return { kind: 'match' };
  const sameType = plain.filter((e) => e.keyType === keyType);
  if (sameType.length > 0) return { kind: 'mismatch', lines: sameType.map((e) => e.line) };
  return { kind: 'unknown' };
};
