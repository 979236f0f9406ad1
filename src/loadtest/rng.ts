/**
 * A seeded random source (mulberry32) for load tests: the same seed gives the same prompt order,
 * random prompts and Poisson arrivals, so a run can be repeated. Not for anything secret.
 */
export type Random = () => number;

export const seededRandom = (seed: number): Random => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A new array in a seeded order (Fisher–Yates). */
export const shuffled = <T>(items: readonly T[], random: Random): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/**
 * Send times (ms from the level's start) of `count` Poisson arrivals at `perSecond` on average:
 * exponential gaps, the first request at 0. vLLM's benchmark draws the same gaps (gamma with
 * burstiness 1) and then rescales them so the last lands at count / rate; evalscope does not
 * rescale. We do not either: the arrivals stay a true Poisson process.
 */
export const poissonSchedule = (count: number, perSecond: number, random: Random): number[] => {
  const times: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (i > 0) at += (-Math.log(1 - random()) / perSecond) * 1000;
    times.push(at);
  }
  return times;
};
