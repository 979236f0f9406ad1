import { describe, expect, it } from 'vitest';
import { parsePromptFile, promptFileLimits } from './file-prompts.js';

describe('parsePromptFile', () => {
  it('reads one prompt per line, skipping blank lines and CRLF', () => {
    const r = parsePromptFile('What is 2+2?\r\n\r\n  Name a river.  \n', 40);
    expect(r).toEqual({ ok: true, prompts: ['What is 2+2?', 'Name a river.'], format: 'lines', skipped: 0 });
  });

  it("reads ShareGPT JSON's first human turn of each conversation", () => {
    const json = JSON.stringify([
      { id: 'a', conversations: [{ from: 'system', value: 'be brief' }, { from: 'human', value: '你好' }, { from: 'gpt', value: 'hi' }, { from: 'human', value: 'second' }] },
      { id: 'b', conversations: [{ from: 'gpt', value: 'only a reply' }] },
      { id: 'c', messages: [{ role: 'user', content: 'OpenAI style' }] },
    ]);
    const r = parsePromptFile(json, json.length);
    expect(r).toEqual({ ok: true, prompts: ['你好', 'OpenAI style'], format: 'sharegpt', skipped: 0 });
  });

  it('names what is wrong with a bad file', () => {
    expect(parsePromptFile('[{"conversations": [', 20)).toEqual({ ok: false, problem: 'bad-json' });
    expect(parsePromptFile('[{"conversations": [{"from": "gpt", "value": "x"}]}]', 50)).toEqual({ ok: false, problem: 'no-human-turns' });
    expect(parsePromptFile('\n \n', 3)).toEqual({ ok: false, problem: 'empty' });
    expect(parsePromptFile('x', promptFileLimits.maxBytes + 1)).toEqual({ ok: false, problem: 'too-big' });
    expect(parsePromptFile('a\n'.repeat(promptFileLimits.maxPrompts + 1), 1)).toEqual({ ok: false, problem: 'too-many' });
  });

  it('leaves out prompts over the schema cap and says how many', () => {
    const long = 'x'.repeat(promptFileLimits.maxPromptChars + 1);
    const r = parsePromptFile(`short\n${long}`, 10);
    expect(r).toEqual({ ok: true, prompts: ['short'], format: 'lines', skipped: 1 });
  });
});
