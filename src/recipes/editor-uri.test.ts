import { describe, expect, it } from 'vitest';
import { remoteAuthority, remoteEditorUri } from './editor-uri.js';

describe('remote editor links', () => {
  it('names the box as user@host on port 22', () => {
    expect(remoteEditorUri('vscode', { host: 'pgx.local', user: 'ada', port: 22 })).toBe('vscode://vscode-remote/ssh-remote+ada@pgx.local/home/ada');
    expect(remoteEditorUri('cursor', { host: '10.0.0.7', user: 'ada', port: 22 }, '/data/my runs')).toBe('cursor://vscode-remote/ssh-remote+ada@10.0.0.7/data/my%20runs');
  });

  it('carries another port in the hex JSON form the extension reads', () => {
    const authority = remoteAuthority({ host: 'pgx.local', user: 'ada', port: 2222 });
    expect(authority.startsWith('ssh-remote+')).toBe(true);
    const json = Buffer.from(authority.slice('ssh-remote+'.length), 'hex').toString('utf8');
    expect(JSON.parse(json)).toEqual({ hostName: 'pgx.local', user: 'ada', port: 2222 });
  });

  it('hex-encodes the UTF-8 bytes of names outside ASCII', () => {
    const authority = remoteAuthority({ host: 'bøx-盒子', user: "o'neil", port: 2200 });
    const json = Buffer.from(authority.slice('ssh-remote+'.length), 'hex').toString('utf8');
    expect(JSON.parse(json)).toEqual({ hostName: 'bøx-盒子', user: "o'neil", port: 2200 });
  });

  it('refuses a relative folder', () => {
    expect(() => remoteEditorUri('vscode', { host: 'h', user: 'u', port: 22 }, 'notebooks')).toThrow(RangeError);
  });
});
