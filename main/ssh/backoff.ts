/**
 * Reconnect timing: exponential with full jitter, so several laptops (or several boxes) that lost
 * the network together do not retry in lockstep.
 */
export const reconnectPolicy = {
  /** First retry comes quickly: most drops are a Wi-Fi hiccup. */
  baseMs: 500,
  /** Never wait longer than this between tries; a box that reboots is back within a minute. */
  maxMs: 15_000,
  factor: 2,
} as const;

export const backoffDelay = (attempt: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(reconnectPolicy.maxMs, reconnectPolicy.baseMs * reconnectPolicy.factor ** Math.max(0, attempt - 1));
  // Half fixed, half random: never zero, never the full ceiling for everyone.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};
