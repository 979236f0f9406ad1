import { describe, expect, it } from 'vitest';
import { createWatchCount } from './watch-count.js';

describe('watch count', () => {
  it('tells main only on the first on and the last off of a box', () => {
    const count = createWatchCount();
    expect(count.on('a')).toBe(true);
    expect(count.on('a')).toBe(false);
    expect(count.off('a')).toBe(false);
    expect(count.off('a')).toBe(true);
    expect(count.on('a')).toBe(true);
  });

  it('counts each box on its own', () => {
    const count = createWatchCount();
    expect(count.on('a')).toBe(true);
    expect(count.on('b')).toBe(true);
    expect(count.off('b')).toBe(true);
    expect(count.off('a')).toBe(true);
  });

  it('ignores an off that no on matched', () => {
    const count = createWatchCount();
    expect(count.off('a')).toBe(false);
    expect(count.on('a')).toBe(true);
    expect(count.off('b')).toBe(false);
    expect(count.off('a')).toBe(true);
  });
});
