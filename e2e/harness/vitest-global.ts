import { sweepLeftovers } from './leftovers.js';

/** Vitest global setup: after every test file ran, nothing of ours may still be running. */
export default function setup() {
  const before = sweepLeftovers();
  if (before.length > 0) console.warn(`Killed processes left by an earlier run:\n${before.join('\n')}`);
  return () => {
    const left = sweepLeftovers();
    if (left.length > 0) throw new Error(`The test run left processes behind (now killed):\n${left.join('\n')}`);
  };
}
