import { describe, expect, it } from 'vitest';
import { decodeRate, replyStats } from './reply-stats.js';

describe('reply stats', () => {
  it('measures TTFT and the decode rate without the first token', () => {
    // 80 ms to the first token, then 9 more every 20 ms: 10 tokens, last at 260 ms.
    const stats = replyStats({ sentAt: 1000, firstTokenAt: 1080, endedAt: 1260, textChunks: 10, usage: { promptTokens: 12, completionTokens: 10 } });
    expect(stats).toEqual({ ttftMs: 80, tokensPerSecond: 50, outputTokens: 10, promptTokens: 12, e2eMs: 260, countedBy: 'usage' });
  });

  it('trusts the usage chunk over the chunk count (a chunk may carry several tokens)', () => {
    const stats = replyStats({ sentAt: 0, firstTokenAt: 100, endedAt: 1100, textChunks: 11, usage: { promptTokens: 5, completionTokens: 21 } });
    expect(stats?.outputTokens).toBe(21);
    expect(stats?.tokensPerSecond).toBe(20);
  });

  it('counts text chunks when the server sent no usage, and says so', () => {
    const stats = replyStats({ sentAt: 0, firstTokenAt: 50, endedAt: 550, textChunks: 26, usage: null });
    expect(stats).toMatchObject({ outputTokens: 26, promptTokens: null, countedBy: 'chunks', tokensPerSecond: 50 });
  });

  it('has no rate for a one-token reply or a zero decode time, and no stats without any text', () => {
    expect(decodeRate(1, 80, 80)).toBe(0);
    expect(decodeRate(5, 80, 80)).toBe(0);
    expect(replyStats({ sentAt: 0, firstTokenAt: null, endedAt: 10, textChunks: 0, usage: { promptTokens: 3, completionTokens: 0 } })).toBeNull();
  });
});
