import { sweepLeftovers } from './harness/leftovers.js';

/** Playwright global teardown: the e2e run must leave no sshd, simulator or backend behind. */
export default function globalTeardown() {
  const left = sweepLeftovers();
  if (left.length > 0) throw new Error(`The e2e run left processes behind (now killed):\n${left.join('\n')}`);
}
