import { describe, expect, it } from 'vitest';
import { datasetPrompts, parsePromptFile } from './datasets.js';
import { englishPrompts } from './prompts-en.js';
import { chinesePrompts } from './prompts-zh.js';
import { effectiveSettings, loadTestBody } from './request-body.js';
import { poissonSchedule, seededRandom } from './rng.js';

describe('load-test datasets', () => {
  it('bundled prompts: about forty each, a seeded order, repeats reshuffled past the end', () => {
    expect(englishPrompts.length).toBeGreaterThanOrEqual(40);
    expect(chinesePrompts.length).toBeGreaterThanOrEqual(40);
    const one = datasetPrompts({ kind: 'bundled', language: 'en' }, 100, 7);
    expect(one).toEqual(datasetPrompts({ kind: 'bundled', language: 'en' }, 100, 7));
    expect(one).not.toEqual(datasetPrompts({ kind: 'bundled', language: 'en' }, 100, 8));
    expect(new Set(one.slice(0, englishPrompts.length)).size).toBe(englishPrompts.length);
    expect(datasetPrompts({ kind: 'bundled', language: 'zh' }, 3, 1).every((p) => chinesePrompts.includes(p))).toBe(true);
  });

  it('random prompts have the asked number of words', () => {
    const prompts = datasetPrompts({ kind: 'random', inputTokens: 128, outputTokens: 64 }, 3, 1);
    expect(prompts.map((p) => p.split(' ').length)).toEqual([128, 128, 128]);
    expect(prompts[0]).not.toBe(prompts[1]);
  });

  it('a file: lines, or ShareGPT first human turns; other JSON refused with a sentence', () => {
    expect(parsePromptFile('a.txt', 'one\n\n two \r\nthree\n')).toEqual({ ok: true, prompts: ['one', 'two', 'three'], format: 'lines' });
    const share = JSON.stringify([
      { conversations: [{ from: 'human', value: 'hi' }, { from: 'gpt', value: 'hello' }, { from: 'human', value: 'later' }] },
      { conversations: [{ from: 'gpt', value: 'model first' }] },
    ]);
    expect(parsePromptFile('s.json', share)).toEqual({ ok: true, prompts: ['hi'], format: 'sharegpt' });
    const wrong = parsePromptFile('w.json', '[{"messages": []}]');
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toMatch(/not ShareGPT JSON.*entry 1 has no "conversations"/);
    expect(parsePromptFile('e.txt', '  \n').ok).toBe(false);
    expect(parsePromptFile('o.json', '{"a": 1}').ok).toBe(false);
  });

  it('request bodies: chat and completions, usage asked when streamed, min_tokens with ignore_eos', () => {
    const base = { api: 'chat' as const, stream: true, maxTokens: 64, minTokens: null };
    expect(loadTestBody(base, 'm', 'hi')).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 64, stream: true, stream_options: { include_usage: true } });
    expect(loadTestBody({ ...base, api: 'completions', stream: false, minTokens: 64 }, 'm', 'hi')).toEqual({ model: 'm', prompt: 'hi', max_tokens: 64, min_tokens: 64, ignore_eos: true, stream: false });
  });

  it('a random dataset fixes the output length', () => {
    const settings = effectiveSettings({ dataset: { kind: 'random', inputTokens: 10, outputTokens: 32 }, maxTokens: 256, minTokens: null } as never);
    expect(settings).toMatchObject({ maxTokens: 32, minTokens: 32 });
  });

  it('Poisson arrivals: first at 0, seeded, mean gap ≈ 1 / rate', () => {
    const times = poissonSchedule(4000, 10, seededRandom(3));
    expect(times[0]).toBe(0);
    expect(times).toEqual(poissonSchedule(4000, 10, seededRandom(3)));
    expect(times.at(-1)! / 3999).toBeGreaterThan(90);
    expect(times.at(-1)! / 3999).toBeLessThan(110);
  });
});
