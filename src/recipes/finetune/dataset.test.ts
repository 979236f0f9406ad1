/** Done-when 4: malformed datasets get line-numbered problems; a taken name is refused before any write; hostile names stay data. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDatasetInfo } from '../../remote/parsers/llamafactory-results.js';
import { checkDataset } from './dataset-check.js';
import { copyIntoDataDirCommand, datasetInfoEntry, mergeDatasetInfo, readDatasetInfoCommand, writeDatasetInfoCommand, type NewDatasetEntry } from './dataset-info.js';
import { approximateTokens, tokenHistogram } from './tokens.js';

const capture = (name: string) => readFileSync(new URL(`../../../e2e/fixtures/captures/llamafactory/${name}`, import.meta.url), 'utf8');

const huanhuan = [
  { instruction: '小姐，别的秀女都在求中选，唯有咱们小姐想被撂牌子，菩萨一定记得真真儿的——', input: '', output: '嘘——都说许愿说破是不灵的。' },
  { instruction: '这个温太医啊，也是古怪，谁不知太医不得皇命不能为皇族以外的人请脉诊病，他倒好，十天半月便往咱们府里跑。', input: '', output: '你们俩话太多了，我该和温太医要一剂药，好好治治你们。' },
];

describe('checkDataset: Alpaca', () => {
  it('reads the huanhuan sample: format, columns, counts, preview, approximate tokens', () => {
    const check = checkDataset('/home/demo/LLaMA-Factory/data/huanhuan.json', JSON.stringify(huanhuan, null, 2));
    expect(check).toMatchObject({ fileType: 'json', format: 'alpaca', records: 2, validRecords: 2, emptyFields: 0, problems: [], ok: true, columns: { prompt: 'instruction', query: 'input', response: 'output' } });
    expect(check.preview[0]).toEqual({ record: 0, line: 2, system: null, turns: [{ role: 'user', text: huanhuan[0]!.instruction }, { role: 'assistant', text: huanhuan[0]!.output }] });
    expect(check.preview[1]!.line).toBe(7);
    expect(check.tokens).toMatchObject({ approximate: true, min: expect.any(Number), max: expect.any(Number) });
    expect(check.tokens!.bins.reduce((s, b) => s + b.count, 0)).toBe(2);
  });

  it('reads LLaMA Factory’s own alpaca_en_demo sample', () => {
    const check = checkDataset('alpaca_en_demo.json', capture('data__alpaca_en_demo.first3.json'));
    expect(check).toMatchObject({ format: 'alpaca', records: 3, validRecords: 3, ok: true });
  });

  it('JSON that does not parse: the line where it stopped', () => {
    const text = '[\n  {"instruction": "a", "output": "b"},\n  {"instruction": "c" "output": "d"}\n]';
    const check = checkDataset('x.json', text);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([{ line: 3, record: null, severity: 'error', message: expect.stringMatching(/^The file is not valid JSON \(line 3\)/) }]);
  });

  it('JSON records: the record index and the line it starts on, for missing columns and empty fields', () => {
    const text = JSON.stringify([{ instruction: 'a', output: 'b' }, { instruction: 'c' }, { instruction: '', input: '', output: 'x' }, { instruction: 'q', output: ' ' }], null, 2);
    const check = checkDataset('x.json', text);
    expect(check.problems.map((p) => [p.record, p.line, p.message])).toEqual([
      [1, 6, 'The "output" column is missing.'],
      [2, 9, '"instruction" and "input" are both empty: there is no prompt.'],
      [3, 14, '"output" is empty.'],
    ]);
    expect(check).toMatchObject({ records: 4, validRecords: 1, emptyFields: 2, ok: true });
  });

  it('JSONL: the line of each bad record, counting blank lines', () => {
    const text = ['{"instruction": "a", "output": "b"}', '', '{"instruction": "c", "output": }', '{"instruction": "d", "output": ""}', '{"instruction": "e", "output": "f"}'].join('\n');
    const check = checkDataset('x.jsonl', text);
    expect(check.problems.map((p) => [p.line, p.record, p.message.slice(0, 22)])).toEqual([
      [3, 1, 'Line 3 is not JSON: Un'],
      [4, 2, '"output" is empty.'],
    ]);
    expect(check).toMatchObject({ fileType: 'jsonl', records: 4, validRecords: 2 });
  });

  it('not a dataset at all', () => {
    expect(checkDataset('x.json', '{"a": 1}').ok).toBe(false);
    expect(checkDataset('x.json', '[{"a": 1}]').problems[0]!.message).toMatch(/Neither Alpaca/);
    expect(checkDataset('x.json', '[1, 2]').problems[0]!.message).toMatch(/Neither Alpaca/);
  });
});

describe('checkDataset: ShareGPT', () => {
  it('reads LLaMA Factory’s glaive_toolcall sample with the default tags', () => {
    const check = checkDataset('g.json', capture('data__glaive_toolcall_en_demo.first1.json'));
    expect(check).toMatchObject({ format: 'sharegpt', tags: null, ok: true, columns: { messages: 'conversations', tools: 'tools' } });
    expect(check.preview[0]!.turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'function', 'observation', 'assistant', 'user', 'assistant']);
  });

  it('OpenAI-style messages get tags; broken turn order and empty turns are problems', () => {
    const text = [
      JSON.stringify({ messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }] }),
      JSON.stringify({ messages: [{ role: 'assistant', content: 'x' }, { role: 'user', content: '' }] }),
      JSON.stringify({ messages: [{ role: 'user', content: 'only a question' }] }),
    ].join('\n');
    const check = checkDataset('m.jsonl', text);
    expect(check.tags).toMatchObject({ role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' });
    expect(check.preview[0]!.system).toBe('s');
    expect(check.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'Turn 2 (user) is empty.'],
      [2, 'Turn 1 should be a user (or observation) turn: turns must alternate.'],
      [2, 'Turn 2 should be an assistant (or function call) turn: turns must alternate.'],
      [3, 'The conversation ends on a user turn: there is no answer to train on.'],
    ]);
    expect(check.validRecords).toBe(1);
  });
});

describe('tokens', () => {
  it('counts CJK characters one each and other text at four characters a token', () => {
    expect(approximateTokens('你好世界')).toBe(4);
    expect(approximateTokens('abcdefgh')).toBe(2);
  });

  it('bins lengths in nice widths and counts records over the cutoff', () => {
    const h = tokenHistogram([10, 20, 30, 250, 900], 256);
    expect(h.bins[0]!.from).toBe(0);
    expect(h.bins.every((b) => b.to - b.from === h.bins[0]!.to - h.bins[0]!.from)).toBe(true);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(h).toMatchObject({ min: 10, max: 900, median: 30, overCutoff: 1 });
  });
});

const entry: NewDatasetEntry = { name: 'huanhuan', fileName: 'huanhuan.json', format: 'alpaca', columns: { prompt: 'instruction', query: 'input', response: 'output' }, tags: null };

describe('dataset_info.json merge', () => {
  it('adds the entry and keeps every other entry whole, unknown keys and order included', () => {
    const current = capture('data__dataset_info.excerpt.json');
    const merged = mergeDatasetInfo(current, entry);
    expect(merged.ok).toBe(true);
    const text = merged.ok ? merged.text : '';
    const before = JSON.parse(current) as Record<string, unknown>;
    const after = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(after)).toEqual([...Object.keys(before), 'huanhuan']);
    for (const [k, v] of Object.entries(before)) expect(after[k]).toEqual(v);
    expect(after['huanhuan']).toEqual({ file_name: 'huanhuan.json', columns: { prompt: 'instruction', query: 'input', response: 'output' } });
    expect(parseDatasetInfo(text).ok).toBe(true);
  });

  it('refuses a name that is taken (the caller writes nothing)', () => {
    const current = JSON.stringify({ huanhuan: { file_name: 'theirs.json', custom: 1 } });
    expect(mergeDatasetInfo(current, entry)).toEqual({ ok: false, reason: 'exists', message: 'A dataset named “huanhuan” is already registered in dataset_info.json.' });
  });

  it('starts a file that is not there; refuses one that is not a JSON object', () => {
    expect(mergeDatasetInfo(null, entry)).toMatchObject({ ok: true });
    expect(mergeDatasetInfo('[1]', entry)).toMatchObject({ ok: false, reason: 'not-an-object' });
    expect(mergeDatasetInfo('{', entry)).toMatchObject({ ok: false, reason: 'not-json' });
  });

  it('hostile names stay JSON keys: quotes, newlines, __proto__', () => {
    for (const name of ['a"b\\c', 'x\ny', '__proto__', "'; rm -rf ~ #"]) {
      const merged = mergeDatasetInfo('{"keep": {"file_name": "k.json"}}', { ...entry, name });
      expect(merged.ok).toBe(true);
      const after = JSON.parse(merged.ok ? merged.text : '{}') as Record<string, unknown>;
      expect(Object.keys(after)).toEqual(['keep', name]);
    }
  });

  it('ShareGPT entries say formatting and carry tags', () => {
    expect(datasetInfoEntry({ ...entry, format: 'sharegpt', columns: { messages: 'messages' }, tags: { role_tag: 'role' } })).toEqual({ file_name: 'huanhuan.json', formatting: 'sharegpt', columns: { messages: 'messages' }, tags: { role_tag: 'role' } });
  });
});

describe('dataset_info.json commands', () => {
  it('write: stdin to a temp file beside it, mv only over the bytes that were read', () => {
    const sha = 'a'.repeat(64);
    expect(writeDatasetInfoCommand("/home/o'k/data", sha, 'abc')).toBe(
      `mkdir -p '/home/o'\\''k/data' && cd '/home/o'\\''k/data' && cat > .dataset_info.json.pgx-abc && printf '%s  dataset_info.json\\n' ${sha} | sha256sum -c --status - && mv -f .dataset_info.json.pgx-abc dataset_info.json && echo PGX-WRITTEN; rm -f '/home/o'\\''k/data/.dataset_info.json.pgx-abc'`,
    );
    expect(writeDatasetInfoCommand('~/d', null, 'x')).toContain('test ! -e dataset_info.json && mv -f');
    expect(() => writeDatasetInfoCommand('~/d', 'nope', 'x')).toThrow();
  });

  it('read and copy quote every path', () => {
    expect(readDatasetInfoCommand('~/my data')).toBe(`test -e "$HOME"/'my data/dataset_info.json' && echo PGX-EXISTS && cat "$HOME"/'my data/dataset_info.json'; test -e "$HOME"/'my data/dataset_info.json' || echo PGX-MISSING`);
    expect(copyIntoDataDirCommand('/tmp/$(x).json', '~/d', '$(x).json')).toContain(`cp '/tmp/$(x).json' "$HOME"/'d/$(x).json'`);
  });
});
