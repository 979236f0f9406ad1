import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src/domain/transfer.js';
import { breadcrumbs, displayName, etaSeconds, fileSize, permissions, shortDuration, sortEntries, transferPercent } from './file-format.js';

const entry = (name: string, kind: FileEntry['kind'], size = 0, mtime = 0, target: FileEntry['target'] = null): FileEntry => ({ name, path: `/x/${name}`, kind, target, size, mtime, mode: 0o644 });

describe('file manager formatting', () => {
  it('shows control characters as visible signs and keeps everything else', () => {
    expect(displayName('two\nlines')).toBe('two⏎lines');
    expect(displayName('tab\there\r\u0001\u007f')).toBe('tab\\there\\r\\x01\\x7f');
    expect(displayName(`it's "quoted" 中文 🚀 $(x)`)).toBe(`it's "quoted" 中文 🚀 $(x)`);
  });

  it('writes sizes, permissions and durations as ls and du would', () => {
    expect([0, 999, 1000, 1_234_567, 12_345_678_901].map(fileSize)).toEqual(['0 B', '999 B', '1.0 KB', '1.2 MB', '12.3 GB']);
    expect(permissions({ kind: 'dir', mode: 0o755 })).toBe('drwxr-xr-x');
    expect(permissions({ kind: 'file', mode: 0o640 })).toBe('-rw-r-----');
    expect(permissions({ kind: 'dir', mode: 0o1777 })).toBe('drwxrwxrwt');
    expect(permissions({ kind: 'file', mode: 0o4644 })).toBe('-rwSr--r--');
    expect(permissions({ kind: 'link', mode: 0o777 })).toBe('lrwxrwxrwx');
    expect([5, 65, 3725].map(shortDuration)).toEqual(['5 s', '1 min 5 s', '1 h 2 min']);
  });

  it('sorts by any column with folders (and links to folders) first', () => {
    const entries = [entry('b.txt', 'file', 10, 3), entry('a10', 'file', 30, 1), entry('a9', 'file', 20, 2), entry('zdir', 'dir'), entry('link', 'link', 5, 0, 'dir'), entry('Adir', 'dir')];
    expect(sortEntries(entries, { key: 'name', descending: false }).map((e) => e.name)).toEqual(['Adir', 'link', 'zdir', 'a9', 'a10', 'b.txt']);
    expect(sortEntries(entries, { key: 'name', descending: true }).map((e) => e.name)).toEqual(['zdir', 'link', 'Adir', 'b.txt', 'a10', 'a9']);
    expect(sortEntries(entries, { key: 'size', descending: true }).map((e) => e.name)).toEqual(['link', 'Adir', 'zdir', 'a10', 'a9', 'b.txt']);
    expect(sortEntries(entries, { key: 'mtime', descending: false }).map((e) => e.name).slice(3)).toEqual(['a10', 'a9', 'b.txt']);
  });

  it('splits a path into crumbs, and tells progress and time left', () => {
    expect(breadcrumbs('/home/demo/a b')).toEqual([
      { name: '/', path: '/' },
      { name: 'home', path: '/home' },
      { name: 'demo', path: '/home/demo' },
      { name: 'a b', path: '/home/demo/a b' },
    ]);
    expect(breadcrumbs('/')).toEqual([{ name: '/', path: '/' }]);
    expect(transferPercent({ bytes: 50, size: 200, state: 'running' })).toBe(25);
    expect(transferPercent({ bytes: 0, size: null, state: 'running' })).toBeNull();
    expect(transferPercent({ bytes: 0, size: 0, state: 'done' })).toBe(100);
    expect(etaSeconds({ bytes: 50, size: 250, rate: 100, state: 'running' })).toBe(2);
    expect(etaSeconds({ bytes: 50, size: 250, rate: 100, state: 'failed' })).toBeNull();
    expect(etaSeconds({ bytes: 50, size: null, rate: 100, state: 'running' })).toBeNull();
  });
});
