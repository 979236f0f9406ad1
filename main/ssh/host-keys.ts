/**
 * Which host keys PGX Companion trusts: the ones the user accepted in the app (trust on first
 * use, fingerprint shown), and whatever the user's OpenSSH known_hosts already lists (read-only).
 * A changed key is never accepted silently; the user removes the old one explicitly.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { HostKeyCheck, PresentedHostKey, TrustedHostKey } from '../../src/domain/host-key.js';
import { sshFingerprint } from './fingerprint.js';
import { checkKnownHosts, parseKnownHosts } from './known-hosts.js';

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export const keyTypeOf = (blob: Buffer): string => {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
};

export const presentedKey = (blob: Buffer): PresentedHostKey => ({ keyType: keyTypeOf(blob), key: blob.toString('base64'), fingerprint: sshFingerprint(blob) });

export interface HostKeyPolicy {
  check(host: string, port: number, blob: Buffer): HostKeyCheck;
}

export const hostKeyPolicy = (deps: {
  /** The app's accepted keys. */
  readonly trusted: () => readonly TrustedHostKey[];
  /** The user's known_hosts files (~/.ssh/known_hosts, /etc/ssh/ssh_known_hosts), read only. */
  readonly knownHostsFiles: readonly string[];
}): HostKeyPolicy => ({
  check: (host, port, blob) => {
    const presented = presentedKey(blob);
    const mine = deps.trusted().filter((t) => t.host.toLowerCase() === host.toLowerCase() && t.port === port);
    if (mine.some((t) => t.key === presented.key)) return { kind: 'trusted', source: 'app', presented };
    const sameType = mine.filter((t) => t.keyType === presented.keyType);
    if (sameType.length > 0) return { kind: 'changed', presented, source: 'app', expectedFingerprints: sameType.map((t) => t.fingerprint), knownHostsLines: [] };
    for (const file of deps.knownHostsFiles) {
      if (!existsSync(file)) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // unreadable: as if absent (OpenSSH does the same)
      }
      const verdict = checkKnownHosts(parseKnownHosts(text), host, port, presented.keyType, presented.key);
      if (verdict.kind === 'match') return { kind: 'trusted', source: 'openssh', presented };
      if (verdict.kind === 'revoked') return { kind: 'revoked', presented };
      if (verdict.kind === 'mismatch') return { kind: 'changed', presented, source: 'openssh', expectedFingerprints: [], knownHostsLines: [...verdict.lines] };
    }
    return { kind: 'unknown', presented };
  },
});
