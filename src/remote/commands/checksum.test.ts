import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { parseSha256, sha256Command } from './checksum.js';

describe('sha256 on the box', () => {
  it('quotes the path as one word, after --', () => {
    expect(sha256Command('/home/u/a b.gguf')).toBe("LC_ALL=C sha256sum -- '/home/u/a b.gguf'");
    expect(sha256Command("-rf 'x'")).toBe(`LC_ALL=C sha256sum -- '-rf '\\''x'\\'''`);
  });

  it('reads the digest of plain and escaped names (a newline in the name gives a leading backslash)', () => {
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(parseSha256(`${hex}  /home/u/f\n`)).toBe(hex);
    expect(parseSha256(`\\${hex}  /home/u/a\\nb\n`)).toBe(hex);
    expect(parseSha256('')).toBeNull();
    expect(parseSha256('sha256sum: x: No such file or directory\n')).toBeNull();
  });

  it('every hostile path reaches the program as one argument, byte for byte (a real sh parses it)', () => {
    for (const s of hostileStrings) {
      if (s.includes('\0')) continue;
      const path = `/tmp/${s}`;
      const shown = spawnSync('sh', ['-c', sha256Command(path).replace('sha256sum --', `printf '%s|'`)], { encoding: 'utf8' });
      expect(shown.stdout).toBe(`${path}|`);
    }
  });
});
