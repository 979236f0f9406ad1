/**
 * Done-when 4 of issue 12 (its Modelfile half): the Modelfile against
 * ../shared/formats/ollama-modelfile-qwen3-examples.txt (a byte copy in e2e/fixtures/captures/):
 * the Qwen family's TEMPLATE is Ollama's own ChatML example, its stops are the runbook's, and what
 * we write reads back through the app's Modelfile parser as it was meant.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelfileParameter, parseModelfile } from '../../remote/parsers/ollama-modelfile.js';
import { templateFor } from '../finetune/yaml.js';
import { familyOfTemplate, modelfile, modelfileDefaults } from './modelfile.js';

const captures = readFileSync(new URL('../../../e2e/fixtures/captures/ollama-modelfile-qwen3-examples.txt', import.meta.url), 'utf8');
const example = (n: number) => {
  const start = captures.indexOf(`############ (${n})`);
  const end = captures.indexOf('############ (', start + 5);
  const body = captures.slice(captures.indexOf('\n', start) + 1, end < 0 ? undefined : end);
  const lines = body.split('\n').filter((l) => !l.startsWith('#'));
  // The docs' TEMPLATE example (3) is a fragment with no FROM line of its own.
  const parsed = parseModelfile((lines.some((l) => /^FROM /i.test(l)) ? '' : 'FROM fragment\n') + lines.join('\n'));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.modelfile;
};

const read = (text: string) => {
  const parsed = parseModelfile(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.modelfile;
};

describe('Modelfile', () => {
  it('the review’s Qwen3: Ollama’s ChatML TEMPLATE, the runbook’s stops, temperature and num_ctx, FROM the GGUF', () => {
    const family = familyOfTemplate(templateFor('Qwen/Qwen3-1.7B-Base'))!;
    expect(family).toBe('chatml');
    const ours = read(modelfile({ from: './Qwen3-1.7B-huanhuan-Q4_K_M.gguf', family, temperature: 0.7, numCtx: 32768, system: null }));
    // The docs' TEMPLATE example (3), character for character.
    expect(ours.template).toBe(example(3).template);
    // The runbook's stops and sampling (1).
    expect(modelfileParameter(ours, 'stop')).toEqual(modelfileParameter(example(1), 'stop'));
    expect(modelfileParameter(ours, 'temperature')).toEqual(modelfileParameter(example(1), 'temperature'));
    expect(modelfileParameter(ours, 'num_ctx')).toEqual(modelfileParameter(example(1), 'num_ctx'));
    expect(ours.from).toBe('./Qwen3-1.7B-huanhuan-Q4_K_M.gguf');
    expect(ours.system).toBeNull();
  });

  it('a system prompt in any language, quotes and lines included, reads back as written (as example 2’s)', () => {
    const system = '你是甄嬛，说话要有"宫廷"的味道。\nStay in character.';
    const ours = read(modelfile({ from: './m.gguf', family: 'chatml', ...modelfileDefaults, system }));
    expect(ours.system).toBe(system);
    expect(example(2).system).toBe('你是由崔亮创建的AI助手...');
  });

  it('Llama 3 has its header template and the stops `ollama show` prints for it (5)', () => {
    const ours = read(modelfile({ from: './l.gguf', family: familyOfTemplate('llama3')!, ...modelfileDefaults, system: null }));
    expect(modelfileParameter(ours, 'stop')).toEqual(modelfileParameter(example(5), 'stop').filter((s) => s !== '<|reserved_special_token'));
    expect(ours.template).toContain('<|start_header_id|>assistant<|end_header_id|>');
  });

  it('a path with spaces or quotes stays one value; what cannot be written is refused, not guessed', () => {
    expect(read(modelfile({ from: `./my "best" model.gguf`, family: 'chatml', ...modelfileDefaults, system: null })).from).toBe('./my "best" model.gguf');
    expect(familyOfTemplate('gemma')).toBeNull();
    expect(() => modelfile({ from: './m.gguf', family: 'chatml', ...modelfileDefaults, system: 'a """ b' })).toThrow(/"""/);
    expect(() => modelfile({ from: './m\n.gguf', family: 'chatml', ...modelfileDefaults, system: null })).toThrow(/line break/);
    expect(() => modelfile({ from: './m.gguf', family: 'chatml', temperature: 3, numCtx: 4096, system: null })).toThrow(/temperature/);
  });
});
