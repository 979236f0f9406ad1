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

  it('pauses above the high watermark and resumes only below the low one', () => {
    const { flow, calls } = setup();
    const chunk = Buffer.alloc(32 * 1024, 'y');
    const chunks = terminalFlow.highWatermark / chunk.length;
    for (let i = 0; i < chunks - 1; i++) flow.push(chunk);
    expect(calls).toEqual([]);
    flow.push(chunk);
    expect(calls).toEqual(['pause']);
    expect(flow.inFlight).toBe(terminalFlow.highWatermark);
    flow.ack(terminalFlow.highWatermark - terminalFlow.lowWatermark - 1);
    expect(calls).toEqual(['pause']);
    flow.ack(1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.paused).toBe(false);
  });

  it('a reset (the window went away) releases a paused PTY', () => {
    const { flow, calls } = setup();
    flow.push(Buffer.alloc(terminalFlow.highWatermark, 'y'));
    flow.reset();
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.inFlight).toBe(0);
  });
});
