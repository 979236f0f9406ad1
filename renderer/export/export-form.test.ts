import { describe, expect, it } from 'vitest';
import { OllamaModelName } from '../../src/domain/export.js';
import { defaultExportForm, expectedQuantBytes, exportSettingsOf, suggestName, withNameFollowing } from './export-form.js';

describe('the suggested Ollama name', () => {
  it('is the source name in lowercase with the quant as its tag', () => {
    expect(suggestName('huanhuan e2e', 'Q4_K_M', 'bf16')).toBe('huanhuan-e2e:q4_k_m');
    expect(suggestName('Qwen/Qwen3-8B', 'none', 'f16')).toBe('qwen3-8b:f16');
  });

  it('is always a name ollama create takes, whatever the run was called', () => {
    for (const name of ['', '  ', '--Ünïcode 名字!!', "'; rm -rf ~", 'a'.repeat(300), 'x:y:z', '$(reboot)']) {
      const suggested = suggestName(name, 'Q5_K_M', 'bf16');
      expect(OllamaModelName.safeParse(suggested).success, `${name} → ${suggested}`).toBe(true);
    }
  });

  it('follows the source and quant until the user types one', () => {
    const picked = withNameFollowing(defaultExportForm, { source: { kind: 'finetune', runId: 'r1' }, sourceName: 'My Run' });
    expect(picked.ollamaName).toBe('my-run:q4_k_m');
    expect(withNameFollowing(picked, { quant: 'Q8_0' }).ollamaName).toBe('my-run:q8_0');
    const typed = { ...picked, ollamaName: 'mine:latest', nameTouched: true };
    expect(withNameFollowing(typed, { quant: 'Q8_0' }).ollamaName).toBe('mine:latest');
  });
});

describe('the form as settings', () => {
  it('needs a source, then converts the typed numbers', () => {
    expect(exportSettingsOf(defaultExportForm)).toMatchObject({ ok: false, problems: [{ field: 'source' }] });
    const form = withNameFollowing(defaultExportForm, { source: { kind: 'finetune', runId: 'run-1' }, sourceName: 'run', quant: 'none', system: '  ' });
    const checked = exportSettingsOf(form);
    expect(checked).toMatchObject({ ok: true, settings: { ollamaName: 'run:bf16', quant: null, shardSizeGb: 5, temperature: 0.7, numCtx: 8192, system: null } });
  });

  it('names the field that is wrong', () => {
    const form = { ...withNameFollowing(defaultExportForm, { source: { kind: 'finetune', runId: 'run-1' }, sourceName: 'run' }), ollamaName: 'Has Caps', numCtx: '12', temperature: '' };
    const checked = exportSettingsOf(form);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => p.field).sort()).toEqual(['numCtx', 'ollamaName', 'temperature']);
  });
});

describe('expected size of a quant type', () => {
  it('scales the converted size by the bits per weight', () => {
    // 8.19 B parameters at bf16 → 16.38 GB; Q4_K_M at 4.82 bpw → about 4.93 GB.
    const converted = 8.19e9 * 2;
    expect(expectedQuantBytes({ convertedBytes: converted }, 'bf16', 'Q4_K_M')).toBeCloseTo((8.19e9 * 4.82) / 8, -3);
    expect(expectedQuantBytes({ convertedBytes: converted }, 'bf16', 'none')).toBe(converted);
    expect(expectedQuantBytes({ convertedBytes: null }, 'bf16', 'Q8_0')).toBeNull();
  });
});
