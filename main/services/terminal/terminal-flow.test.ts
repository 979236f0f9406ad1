import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalFlow, terminalFlow } from './terminal-flow.js';

const setup = () => {
  const sent: Array<{ data: string; bytes: number }> = [];
  const calls: string[] = [];
  const flow = new TerminalFlow({ emit: (data, bytes) => sent.push({ data, bytes }), pause: () => calls.push('pause'), resume: () => calls.push('resume') });
  return { flow, sent, calls };
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
    flow.ack(terminalFlow.initialBudget * 0.75 - 1, 0);
    expect(calls).toEqual(['pause']);
    flow.ack(1, 1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.paused).toBe(false);
  });

  it('the budget follows the measured parse rate: about 40 ms of it, within bounds', () => {
    const { flow } = setup();
    expect(flow.budget).toBe(terminalFlow.initialBudget);
    // A slow screen: 2 MiB/s parsed → about 80 KiB, held at the floor.
    for (let t = 0; t <= 1000; t += 10) flow.ack(2 * 1024 * 1024 / 100, t);
    expect(flow.budget).toBe(terminalFlow.minBudget);
    // A fast one: 50 MiB/s → about 2 MiB.
    for (let t = 1000; t <= 3000; t += 10) flow.ack(50 * 1024 * 1024 / 100, t);
    expect(flow.budget).toBeGreaterThan(1.8 * 1024 * 1024);
    expect(flow.budget).toBeLessThan(2.3 * 1024 * 1024);
    // A very fast one is capped.
    for (let t = 3000; t <= 5000; t += 10) flow.ack(500 * 1024 * 1024 / 100, t);
    expect(flow.budget).toBe(terminalFlow.maxBudget);
  });

  it('a reset (the window went away) releases a paused PTY', () => {
    const { flow, calls } = setup();
    flow.push(Buffer.alloc(terminalFlow.initialBudget, 'y'));
    flow.reset();
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.inFlight).toBe(0);
  });
});
