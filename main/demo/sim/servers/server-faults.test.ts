import { describe, expect, it } from 'vitest';
import { pickFault } from './server-faults.js';

describe('server faults', () => {
  it('rates stack in order: 500, then dropped stream, then stall; none without faults', () => {
    const faults = { http500: 0.1, dropStream: 0.2, stall: 0.05 };
    expect([0, 0.099, 0.1, 0.299, 0.301, 0.349, 0.351, 0.99].map((d) => pickFault(faults, d))).toEqual(['http500', 'http500', 'dropStream', 'dropStream', 'stall', 'stall', null, null]);
    expect(pickFault(undefined, 0)).toBeNull();
    expect(pickFault({}, 0)).toBeNull();
  });
});
