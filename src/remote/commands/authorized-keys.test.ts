import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAuthorizedKeyCommand, InvalidPublicKey } from './authorized-keys.js';

const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl pgx-companion@laptop';

/** Runs the command with real sh in a throwaway HOME. */
const runIn = (home: string, command: string) => spawnSync('sh', ['-c', command], { env: { HOME: home, PATH: process.env['PATH'] }, encoding: 'utf8' });

describe('authorized_keys command', () => {
  it('creates ~/.ssh and the file with the right modes, adds the key once however often it runs', () => {
    const home = mkdtempSync(join(tmpdir(), 'pgx-ak-'));
    for (let i = 0; i < 3; i += 1) expect(runIn(home, addAuthorizedKeyCommand(key)).status).toBe(0);
    expect(readFileSync(join(home, '.ssh/authorized_keys'), 'utf8')).toBe(`${key}\n`);
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, '.ssh/authorized_keys')).mode & 0o777).toBe(0o600);
  });

  it('keeps existing keys, and fixes a missing final newline instead of gluing two keys together', () => {
    const home = mkdtempSync(join(tmpdir(), 'pgx-ak-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh/authorized_keys'), 'ssh-rsa AAAAB3Nza existing@host');
    expect(runIn(home, addAuthorizedKeyCommand(key)).status).toBe(0);
    expect(readFileSync(join(home, '.ssh/authorized_keys'), 'utf8')).toBe(`ssh-rsa AAAAB3Nza existing@host\n${key}\n`);
  });

  it('refuses anything that is not a public key line', () => {
    expect(() => addAuthorizedKeyCommand("ssh-ed25519 AAAA x'; rm -rf ~")).toThrow(InvalidPublicKey);
    expect(() => addAuthorizedKeyCommand(`${key}\nssh-rsa AAAA evil`)).toThrow(InvalidPublicKey);
  });
});
