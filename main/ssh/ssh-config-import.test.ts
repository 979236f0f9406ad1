import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSshConfig } from './ssh-config-import.js';

describe('~/.ssh/config import', () => {
  it('reads hosts, Include files and ProxyJump chains through aliases', () => {
    const home = mkdtempSync(join(tmpdir(), 'pgx-sshcfg-'));
    const ssh = join(home, '.ssh');
    mkdirSync(join(ssh, 'conf.d'), { recursive: true });
    writeFileSync(
      join(ssh, 'config'),
      ['Include conf.d/*.conf', '', 'Host gb10 gb10-alias', '  HostName 10.0.0.5', '  User alice', '  IdentityFile ~/.ssh/id_gb10', '  ProxyJump bastion', '', 'Host *', '  ServerAliveInterval 30', ''].join('\n'),
    );
    writeFileSync(join(ssh, 'conf.d', 'lab.conf'), ['Host bastion', '  HostName 127.0.0.1', '  Port 2222', '  User jump', '', 'Host spark', '  HostName spark.local', '  ProxyJump carol@bastion:2200,bastion', ''].join('\n'));
    const hosts = importSshConfig({ home, localUser: 'me' });
    const byAlias = Object.fromEntries(hosts.map((h) => [h.alias, h]));
    expect(Object.keys(byAlias).sort()).toEqual(['bastion', 'gb10', 'gb10-alias', 'spark']);
    expect(byAlias['gb10']).toEqual({
      alias: 'gb10',
      host: '10.0.0.5',
      port: 22,
      user: 'alice',
      identityFile: join(home, '.ssh/id_gb10'),
      jump: [{ host: '127.0.0.1', port: 2222, user: 'jump' }],
    });
    expect(byAlias['spark']!.jump).toEqual([
      { host: '127.0.0.1', port: 2200, user: 'carol' },
      { host: '127.0.0.1', port: 2222, user: 'jump' },
    ]);
    expect(byAlias['spark']!.user).toBe('me');
  });

  it('has nothing to import without a config file', () => {
    expect(importSshConfig({ home: mkdtempSync(join(tmpdir(), 'pgx-sshcfg-')) })).toEqual([]);
  });
});
