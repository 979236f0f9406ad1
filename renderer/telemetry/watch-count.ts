/**
 * `telemetry:watch` is one switch per window and box in main, but several parts of one window
 * may watch the same box (the dashboard and its card in "All devices"). This counts them so the
 * switch flips only on the first on and the last off: one part leaving must not stop the other.
 */
export interface WatchCount {
  /** True when this on is the first for the box: tell main. */
  on(deviceId: string): boolean;
  /** True when this off is the last for the box: tell main. */
  off(deviceId: string): boolean;
  /** Whether any part of the window watches the box. */
  watching(deviceId: string): boolean;
}

export const createWatchCount = (): WatchCount => {
  const counts = new Map<string, number>();
  return {
    on: (deviceId) => {
      const next = (counts.get(deviceId) ?? 0) + 1;
      counts.set(deviceId, next);
      return next === 1;
    },
    off: (deviceId) => {
      const current = counts.get(deviceId) ?? 0;
      // An off nobody matched must not stop what another part of the window still watches.
      if (current === 0) return false;
      if (current === 1) counts.delete(deviceId);
      else counts.set(deviceId, current - 1);
      return current === 1;
    },
    watching: (deviceId) => (counts.get(deviceId) ?? 0) > 0,
  };
};
