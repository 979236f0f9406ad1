/**
 * The export form as typed (numbers as text, so a half-typed value is not lost) and its conversion
 * to ExportSettings, the Ollama name suggested from the run's name, and a quant type's expected
 * size from the plan's disk estimate. Pure, so the page's rules are tested without a box.
 */
import { ExportSettings, exportQuantNames, type ExportDisk, type ExportQuant, type ExportSource } from '../../src/domain/export.js';
import { quantInfo } from '../../src/recipes/export/tools.js';

export type QuantChoice = ExportQuant | 'none';
export const quantChoices: readonly QuantChoice[] = [...exportQuantNames, 'none'];
export const outtypes = ['bf16', 'f16', 'q8_0'] as const;
export type Outtype = (typeof outtypes)[number];

/** LLaMA Factory template names offered for a model folder (the families the Modelfile knows). */
export const exportTemplates = ['qwen3', 'qwen3_nothink', 'qwen', 'chatml', 'llama3', 'deepseek3', 'yi'] as const;

export interface ExportForm {
  readonly source: ExportSource | null;
  /** What the source is called (the run's name, the model's id): the suggested Ollama name comes from it. */
  readonly sourceName: string;
  readonly ollamaName: string;
  /** True once the user typed a name: a new source or quant then no longer replaces it. */
  readonly nameTouched: boolean;
  readonly outtype: Outtype;
  readonly quant: QuantChoice;
  readonly shardSizeGb: string;
  readonly mergeDevice: 'cpu' | 'auto';
  readonly legacyFormat: boolean;
  readonly temperature: string;
  readonly numCtx: string;
  readonly system: string;
  readonly testPrompt: string;
}

export const defaultExportForm: ExportForm = {
  source: null,
  sourceName: '',
  ollamaName: '',
  nameTouched: false,
  outtype: 'bf16',
  quant: 'Q4_K_M',
  shardSizeGb: '5',
  mergeDevice: 'cpu',
  legacyFormat: false,
  temperature: '0.7',
  numCtx: '8192',
  system: '',
  testPrompt: '你是谁？',
};

/** `huanhuan-e2e:q4_k_m` from "Huanhuan e2e" and Q4_K_M: what `ollama create` takes (lowercase, one :tag). */
export const suggestName = (sourceName: string, quant: QuantChoice, outtype: Outtype): string => {
  const base =
    sourceName
      .toLowerCase()
      .split('/')
      .filter(Boolean)
      .at(-1)
      ?.replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .replace(/-+$/, '')
      .slice(0, 80) || 'model';
  return `${base}:${(quant === 'none' ? outtype : quant).toLowerCase()}`;
};

/** A change that moves the suggested name along (source, quant, outtype) unless the user typed one. */
export const withNameFollowing = (form: ExportForm, patch: Partial<ExportForm>): ExportForm => {
  const next = { ...form, ...patch };
  return next.nameTouched ? next : { ...next, ollamaName: suggestName(next.sourceName, next.quant, next.outtype) };
};

export type ExportField = 'source' | 'ollamaName' | 'shardSizeGb' | 'temperature' | 'numCtx' | 'system' | 'testPrompt';
export interface ExportProblem {
  readonly field: ExportField;
  readonly message: string;
}

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The settings, or the problems (field + the schema's sentence) when a field is wrong. */
export const exportSettingsOf = (form: ExportForm): { ok: true; settings: ExportSettings } | { ok: false; problems: ExportProblem[] } => {
  if (form.source === null) return { ok: false, problems: [{ field: 'source', message: 'pick a source' }] };
  const parsed = ExportSettings.safeParse({
    source: form.source,
    ollamaName: form.ollamaName.trim(),
    outtype: form.outtype,
    quant: form.quant === 'none' ? null : form.quant,
    shardSizeGb: toNumber(form.shardSizeGb),
    mergeDevice: form.mergeDevice,
    legacyFormat: form.legacyFormat,
    temperature: toNumber(form.temperature),
    numCtx: toNumber(form.numCtx),
    system: form.system.trim() === '' ? null : form.system,
    testPrompt: form.testPrompt,
  });
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'source') as ExportField, message: issue.message })) };
};

const outtypeBytesPerWeight: Record<Outtype, number> = { bf16: 2, f16: 2, q8_0: 8.5 / 8 };

/**
 * Bytes of the GGUF `quant` writes, from the plan's convert size (which came from the model's
 * parameter count): parameters × bits per weight / 8. Null when the plan could not size the model.
 */
export const expectedQuantBytes = (disk: Pick<ExportDisk, 'convertedBytes'>, outtype: Outtype, quant: QuantChoice): number | null => {
  if (disk.convertedBytes === null) return null;
  if (quant === 'none') return disk.convertedBytes;
  const parameters = disk.convertedBytes / outtypeBytesPerWeight[outtype];
  return (parameters * quantInfo[quant].bpw) / 8;
};
