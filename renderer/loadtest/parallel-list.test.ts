import { describe, expect, it } from 'vitest';
import { parseParallel, parsePercentiles } from './parallel-list.js';

describe('parseParallel', () => {
  it('reads one level or a sweep, spaces allowed, duplicates dropped', () => {
    expect(parseParallel('8')).toEqual({ ok: true, levels: [8] });
    expect(parseParallel('1, 2,4 8,16,32,64,2')).toEqual({ ok: true, levels: [1, 2, 4, 8, 16, 32, 64] });
  });

  it('names the wrong value', () => {
    expect(parseParallel('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseParallel('1,two')).toEqual({ ok: false, problem: 'not-number', value: 'two' });
    expect(parseParallel('1,-2')).toEqual({ ok: false, problem: 'not-number', value: '-2' });
    expect(parseParallel('0')).toEqual({ ok: false, problem: 'out-of-range', value: '0' });
    expect(parseParallel('2048')).toEqual({ ok: false, problem: 'out-of-range', value: '2048' });
    expect(parseParallel(Array.from({ length: 17 }, (_, i) => i + 1).join(','))).toEqual({ ok: false, problem: 'too-many' });
  });
});

describe('parsePercentiles', () => {
  it('reads sorted unique numbers 0 … 100', () => {
    expect(parsePercentiles('99, 50 90,99.9,50')).toEqual([50, 90, 99, 99.9]);
  });
  it('refuses what is not one', () => {
    expect(parsePercentiles('')).toBeNull();
    expect(parsePercentiles('50, 101')).toBeNull();
    expect(parsePercentiles('p50')).toBeNull();
  });
});
