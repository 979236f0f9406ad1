import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoxPolling } from './box-polling.js';
import { silentLogger } from './log.js';

afterEach(() => vi.useRealTimers());

describe('BoxPolling', () => {
  it('shares one read among callers, reads again after pollMs while active, and stops when idle, disconnected or forgotten', async () => {
    vi.useFakeTimers();
    let reads = 0;
    let running = true;
    let connected = true;
    let release: (() => void) | undefined;
    const polling = new BoxPolling<number>({
      read: () => new Promise<number>((resolve) => (release = () => resolve(++reads))),
      active: () => running,
      pollMs: 1_000,
      connection: () => ({ status: connected ? { kind: 'connected', since: 0 } : { kind: 'disconnected' } }),
      log: silentLogger,
      what: 'things',
    });
    const a = polling.refresh('box');
    const b = polling.refresh('box');
    release!();
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(2);
    connected = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads).toBe(2); // not polled while away; connected() reads again
    connected = true;
    polling.connected('box');
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(3);
    running = false;
    await vi.advanceTimersByTimeAsync(1_000);
    release!();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads).toBe(4); // idle: no further reads
    running = true;
    void polling.refresh('box');
    release!();
    await vi.advanceTimersByTimeAsync(0);
    polling.forget('box');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads).toBe(5);
  });
});
