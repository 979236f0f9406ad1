import { describe, expect, it } from 'vitest';
import { curveColumns, formatEta, promptText } from './curve-series.js';
import { applyChunk } from './finetune-store.js';
import { defaultTrainForm, outputDirFor, settingsOf, templateFor, withModel } from './train-form.js';

const pt = (step: number, loss?: number) => ({ step, epoch: step / 10, ...(loss === undefined ? {} : { loss }) });

describe('curve chunks', () => {
  it('appends only a chunk that starts where the held curve stops: no gap, no duplicate', () => {
    const first = applyChunk(undefined, { attempt: 1, fromOffset: 0, nextOffset: 100, points: [pt(1, 2), pt(2, 1.9)] });
    expect(first).toEqual({ curve: { attempt: 1, offset: 100, points: [pt(1, 2), pt(2, 1.9)] }, gap: false });
    const next = applyChunk(first.curve, { attempt: 1, fromOffset: 100, nextOffset: 150, points: [pt(3, 1.8)] });
    expect(next.curve?.points.map((p) => p.step)).toEqual([1, 2, 3]);
    // The same chunk again (an event repeated after a reconnect) changes nothing.
    expect(applyChunk(next.curve, { attempt: 1, fromOffset: 100, nextOffset: 150, points: [pt(3, 1.8)] })).toEqual({ curve: next.curve, gap: false });
    // A chunk from further on says points are missing: read them from the box.
    expect(applyChunk(next.curve, { attempt: 1, fromOffset: 200, nextOffset: 250, points: [pt(5, 1.7)] })).toEqual({ curve: next.curve, gap: true });
  });

  it('starts again from 0 for a new attempt (a resume rewrote trainer_log.jsonl)', () => {
    const held = { attempt: 1, offset: 150, points: [pt(1, 2), pt(2, 1.9)] };
    expect(applyChunk(held, { attempt: 2, fromOffset: 0, nextOffset: 40, points: [pt(1, 2.1)] }).curve).toEqual({ attempt: 2, offset: 40, points: [pt(1, 2.1)] });
    expect(applyChunk(held, { attempt: 2, fromOffset: 40, nextOffset: 80, points: [pt(2, 2)] })).toEqual({ curve: held, gap: true });
  });

  it('merges the loss and eval lines of one step into one x', () => {
    const c = curveColumns([{ step: 5, epoch: 0.5, loss: 1.5, lr: 2e-5 }, { step: 5, epoch: 0.5, evalLoss: 1.6 }, { step: 10, epoch: 1, loss: 1.2, lr: 1e-5 }]);
    expect(c).toEqual({ xs: [5, 10], loss: [1.5, 1.2], evalLoss: [1.6, null], lr: [2e-5, 1e-5] });
    expect(formatEta(3725)).toBe('1 h 02 min');
    expect(formatEta(65)).toBe('1 min 05 s');
    expect(formatEta(null)).toBe('—');
  });

  it("shows a prediction's prompt without the chat template's markers", () => {
    expect(promptText('<|im_start|>user\n你是谁？<|im_end|>\n<|im_start|>assistant\n')).toBe('你是谁？');
    expect(promptText('<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWho are you?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n')).toBe('Who are you?');
    expect(promptText('plain text')).toBe('plain text');
  });
});

describe('training form', () => {
  it('proposes the template and output folder from the model until the user types them', () => {
    expect(templateFor('Qwen/Qwen3-1.7B-Base')).toBe('qwen3_nothink');
    expect(templateFor('meta-llama/Meta-Llama-3-8B-Instruct')).toBe('llama3');
    expect(templateFor('/home/me/models/mystery')).toBe('');
    expect(outputDirFor('Qwen/Qwen3-1.7B-Base', 'lora')).toBe('saves/Qwen3-1.7B-Base/lora/sft');
    const f = withModel(defaultTrainForm, { baseModel: 'Qwen/Qwen3-8B' });
    expect([f.template, f.outputDir]).toEqual(['qwen3_nothink', 'saves/Qwen3-8B/lora/sft']);
    const typed = withModel({ ...f, template: 'qwen3', templateTouched: true }, { baseModel: 'meta-llama/Llama-3.1-8B' });
    expect(typed.template).toBe('qwen3');
  });

  it('turns the form into settings, or names the fields that are wrong', () => {
    const f = { ...withModel(defaultTrainForm, { baseModel: 'Qwen/Qwen3-1.7B-Base' }), datasets: ['huanhuan'] };
    const ok = settingsOf(f);
    expect(ok.ok && ok.settings).toMatchObject({ baseModel: 'Qwen/Qwen3-1.7B-Base', method: 'lora', loraRank: 8, cutoffLen: 1024, gradientAccumulation: 4, learningRate: 1e-4, maxSamples: null });
    const bad = settingsOf({ ...f, loraRank: 'eight', datasets: [] });
    expect(bad.ok ? [] : bad.problems.map((p) => p.field).sort()).toEqual(['datasets', 'loraRank']);
  });
});
