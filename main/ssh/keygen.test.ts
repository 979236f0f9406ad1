import { describe, expect, it } from 'vitest';
import { generateEd25519, parsesBack } from './keygen.js';

describe('Ed25519 keys', () => {
  it('always parse back (ssh2 alone gets about 1 in 200 wrong)', () => {
    for (let i = 0; i < 600; i += 1) expect(parsesBack(generateEd25519('t').private)).toBe(true);
  });
});
