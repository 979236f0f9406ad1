import { describe, expect, it } from 'vitest';
import { freeName, localName } from './transfer-names.js';

describe('names of transferred files', () => {
  it('keep every byte on Linux and macOS (quotes, newline, emoji, Chinese)', () => {
    for (const name of [`it's "x"`, 'a\nb', '中文 😀.txt', ' lead', 'trail. ']) {
      expect(localName(name, 'linux')).toBe(name);
      expect(localName(name, 'darwin')).toBe(name);
    }
  });

  it('lose what Windows refuses, one "_" per character', () => {
    expect(localName('a:b*c?.txt', 'win32')).toBe('a_b_c_.txt');
    expect(localName('a\nb', 'win32')).toBe('a_b');
    expect(localName('report. ', 'win32')).toBe('report__');
    expect(localName('CON.txt', 'win32')).toBe('_CON.txt');
    expect(localName('中文 😀.txt', 'win32')).toBe('中文 😀.txt');
  });

  it('a taken name gets " (n)" before its extension', () => {
    const taken = new Set(['r.nsys-rep', 'r (1).nsys-rep', 'README']);
    expect(freeName('r.nsys-rep', (n) => taken.has(n))).toBe('r (2).nsys-rep');
    expect(freeName('README', (n) => taken.has(n))).toBe('README (1)');
    expect(freeName('.bashrc', () => false)).toBe('.bashrc');
    expect(freeName('.bashrc', (n) => n === '.bashrc')).toBe('.bashrc (1)');
  });
});
