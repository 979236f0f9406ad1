import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalFlow, terminalFlow } from './terminal-flow.js';

const setup = () => {
  const sent: Array<{ data: string; bytes: number }> = [];
  const calls: string[] = [];
  const clock = { now: 0 };
  const flow = new TerminalFlow({ emit: (data, bytes) => sent.push({ data, bytes }), pause: () => calls.push('pause'), resume: () => calls.push('resume') }, () => clock.now);
  return { flow, sent, calls, clock };
};

/**
 * A screen that parses `mibPerSecond`, fed by a box that sends whatever the budget allows, for
 * `ms`: output arrives in packets of up to 16 KiB while there is room, each acknowledged as the
 * screen gets through it (after `baseMs` of transport).
 */
const runScreen = (s: ReturnType<typeof setup>, mibPerSecond: number, ms: number, baseMs = 5) => {
  const packet = 16 * 1024;
  const perMs = (mibPerSecond * 1024 * 1024) / 1000;
  const queue: Array<{ bytes: number; readyAt: number }> = [];
  let screenFreeAt = s.clock.now;
  const end = s.clock.now + ms;
  for (; s.clock.now < end; s.clock.now += 1) {
    // The box sends what its window allows: the budget less what is in flight.
    while (s.flow.inFlight < s.flow.budget) {
      const bytes = Math.min(packet, s.flow.budget - s.flow.inFlight);
      s.flow.push(Buffer.alloc(bytes, 'y'));
      s.flow.flush();
      // The screen parses packets one after another, each once it has arrived.
      screenFreeAt = Math.max(screenFreeAt, s.clock.now + baseMs) + bytes / perMs;
      queue.push({ bytes, readyAt: screenFreeAt });
    }
    while (queue.length > 0 && queue[0]!.readyAt <= s.clock.now) s.flow.ack(queue.shift()!.bytes);
  }
  // What is still on its way is parsed before the next phase begins (the box sends no more).
  for (const { bytes, readyAt } of queue) {
    s.clock.now = Math.max(s.clock.now, readyAt);
    s.flow.ack(bytes);
  }
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('terminal flow control', () => {
  it('batches small chunks for a few milliseconds into one message', () => {
    const { flow, sent } = setup();
    flow.push(Buffer.from('a'));
    flow.push(Buffer.from('b'));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(terminalFlow.batchMs);
    expect(sent).toEqual([{ data: 'ab', bytes: 2 }]);
  });

  it('sends a full batch at once, without waiting for the timer', () => {
    const { flow, sent } = setup();
    flow.push(Buffer.alloc(terminalFlow.batchMaxBytes, 'y'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.bytes).toBe(terminalFlow.batchMaxBytes);
  });

  it('keeps a character split across chunks whole, and counts bytes, not characters', () => {
    const { flow, sent } = setup();
    const text = Buffer.from('你好🙂');
    flow.push(text.subarray(0, 2));
    flow.push(text.subarray(2, 8));
    flow.push(text.subarray(8));
    vi.advanceTimersByTime(terminalFlow.batchMs);
    expect(sent).toEqual([{ data: '你好🙂', bytes: text.length }]);
  });

  it('pauses at the budget and resumes only below a quarter of it', () => {
    const { flow, calls } = setup();
    const chunk = Buffer.alloc(32 * 1024, 'y');
    const chunks = terminalFlow.initialBudget / chunk.length;
    for (let i = 0; i < chunks - 1; i++) flow.push(chunk);
    expect(calls).toEqual([]);
    flow.push(chunk);
    expect(calls).toEqual(['pause']);
    expect(flow.inFlight).toBe(terminalFlow.initialBudget);
    flow.ack(terminalFlow.initialBudget * 0.75 - 1);
    expect(calls).toEqual(['pause']);
    flow.ack(1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.paused).toBe(false);
  });

  it('sizes the budget by delay: a fast screen gets enough to stay busy, a slow one what it parses in aheadMs', () => {
    const fast = setup();
    runScreen(fast, 50, 3000);
    // 50 MiB/s for 30 ms is 1.5 MiB: the budget grew to about that (not beyond the delay target).
    expect(fast.flow.budget).toBeGreaterThan(0.7 * 1024 * 1024);
    expect(fast.flow.budget).toBeLessThan(2.2 * 1024 * 1024);

    const slow = setup();
    runScreen(slow, 1, 3000);
    // 1 MiB/s: 30 ms of it is 30 KiB, under the floor.
    expect(slow.flow.budget).toBe(terminalFlow.minBudget);

    // The same flow follows a screen that slows down (a loaded machine) and speeds up again.
    runScreen(fast, 2, 2000);
    expect(fast.flow.budget).toBeLessThan(96 * 1024);
    runScreen(fast, 50, 3000);
    expect(fast.flow.budget).toBeGreaterThan(0.7 * 1024 * 1024);
  });

  it('grows only when the budget held output back: a trickle leaves it alone', () => {
    const s = setup();
    for (let t = 0; t < 1000; t += 10) {
      s.clock.now = t;
      s.flow.push(Buffer.alloc(100, 'y'));
      s.flow.flush();
      s.clock.now = t + 2;
      s.flow.ack(100);
    }
    expect(s.flow.budget).toBe(terminalFlow.initialBudget);
  });

  it('a reset (the window went away) releases a paused PTY', () => {
    const { flow, calls } = setup();
    flow.push(Buffer.alloc(terminalFlow.initialBudget, 'y'));
    flow.reset();
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.inFlight).toBe(0);
  });
});
