import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKnownHosts, entryMatches, parseKnownHosts } from './known-hosts.js';

const key = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const other = 'AAAAC3NzaC1lZDI1NTE5AAAAIKcv0ao3Lz9ZLYBjPHzNq8SaA9l2k2nZpWfS8hUAGkT4';

describe('known_hosts', () => {
  it('matches plain, bracketed-port, comma-listed and wildcard entries', () => {
    const entries = parseKnownHosts(
      [`# comment`, `pgx.local,192.168.1.20 ssh-ed25519 ${key}`, `[127.0.0.1]:2222 ssh-ed25519 ${key} note`, `*.lab,!bad.lab ssh-ed25519 ${key}`].join('\n'),
    );
    expect(checkKnownHosts(entries, 'pgx.local', 22, 'ssh-ed25519', key)).toEqual({ kind: 'match' });
    expect(checkKnownHosts(entries, '192.168.1.20', 22, 'ssh-ed25519', key)).toEqual({ kind: 'match' });
    expect(checkKnownHosts(entries, '127.0.0.1', 2222, 'ssh-ed25519', key)).toEqual({ kind: 'match' });
    expect(checkKnownHosts(entries, '127.0.0.1', 22, 'ssh-ed25519', key)).toEqual({ kind: 'unknown' });
    expect(checkKnownHosts(entries, 'box.lab', 22, 'ssh-ed25519', key)).toEqual({ kind: 'match' });
    expect(checkKnownHosts(entries, 'bad.lab', 22, 'ssh-ed25519', key)).toEqual({ kind: 'unknown' });
  });

  it('says mismatch (with the line) for another key of the same type, unknown for another type', () => {
    const entries = parseKnownHosts(`pgx.local ssh-ed25519 ${key}\n`);
    expect(checkKnownHosts(entries, 'pgx.local', 22, 'ssh-ed25519', other)).toEqual({ kind: 'mismatch', lines: [1] });
    expect(checkKnownHosts(entries, 'pgx.local', 22, 'ecdsa-sha2-nistp256', other)).toEqual({ kind: 'unknown' });
  });

  it('honours @revoked and ignores @cert-authority lines for plain keys', () => {
    const entries = parseKnownHosts(`@revoked * ssh-ed25519 ${key}\n@cert-authority *.lab ssh-ed25519 ${other}\n`);
    expect(checkKnownHosts(entries, 'x.lab', 22, 'ssh-ed25519', key)).toEqual({ kind: 'revoked' });
    expect(checkKnownHosts(entries, 'x.lab', 22, 'ssh-ed25519', other)).toEqual({ kind: 'unknown' });
  });

  it('reads entries hashed by ssh-keygen -H, for port 22 and other ports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgx-kh-'));
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `gb10.local ssh-ed25519 ${key}\n[10.0.0.5]:2200 ssh-ed25519 ${other}\n`);
    const hashed = spawnSync('ssh-keygen', ['-H', '-f', file], { encoding: 'utf8' });
    expect(hashed.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('gb10.local');
    const entries = parseKnownHosts(text);
    expect(entries.every((e) => e.hosts.startsWith('|1|'))).toBe(true);
    expect(checkKnownHosts(entries, 'gb10.local', 22, 'ssh-ed25519', key)).toEqual({ kind: 'match' });
    expect(checkKnownHosts(entries, '10.0.0.5', 2200, 'ssh-ed25519', other)).toEqual({ kind: 'match' });
    expect(checkKnownHosts(entries, '10.0.0.5', 22, 'ssh-ed25519', other)).toEqual({ kind: 'unknown' });
    // ssh lowercases the name before hashing it.
    expect(entryMatches(entries[0]!.hosts, 'GB10.local', 22)).toBe(true);
    expect(entryMatches(entries[0]!.hosts, 'gb10.lan', 22)).toBe(false);
  });
});
