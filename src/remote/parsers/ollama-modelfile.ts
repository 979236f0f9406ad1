/**
 * Ollama Modelfiles (docs/modelfile.mdx, parser/parser.go), as users write them and as
 * `ollama show --modelfile` prints them. Instructions are case-insensitive; values may be bare,
 * "quoted" or """triple-quoted across lines""". `PARAMETER stop` repeats. The header comment
 * `# FROM name:tag` that `ollama show` writes names the model the blob path stands for.
 */

export type ModelfileInstruction =
  | 'from'
  | 'parameter'
  | 'template'
  | 'system'
  | 'adapter'
  | 'license'
  | 'message'
  | 'requires'
  | 'renderer'
  | 'parser'
  | 'draft';

export interface ModelfileParameter {
  readonly key: string;
  readonly value: string;
}

export interface Modelfile {
  readonly from: string;
  readonly parameters: readonly ModelfileParameter[];
  readonly template: string | null;
  readonly system: string | null;
  readonly adapter: string | null;
  readonly licenses: readonly string[];
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  readonly renderer: string | null;
  readonly parser: string | null;
  readonly requires: string | null;
  /** The `# FROM name:tag` hint of a generated Modelfile, else null. */
  readonly generatedFrom: string | null;
}

export type ModelfileResult = { readonly ok: true; readonly modelfile: Modelfile } | { readonly ok: false; readonly reason: string };

const instructions = new Set<ModelfileInstruction>(['from', 'parameter', 'template', 'system', 'adapter', 'license', 'message', 'requires', 'renderer', 'parser', 'draft']);

/** Reads one value starting at `at`: """…""" (may span lines), "…" (with \" escapes) or the rest of the line. */
const readValue = (text: string, at: number): { value: string; end: number } => {
  if (text.startsWith('"""', at)) {
    const close = text.indexOf('"""', at + 3);
    if (close < 0) return { value: text.slice(at + 3), end: text.length };
    return { value: text.slice(at + 3, close), end: close + 3 };
  }
  if (text[at] === '"') {
    let out = '';
    let i = at + 1;
    for (; i < text.length && text[i] !== '"'; i += 1) {
      if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i += 1;
      out += text[i];
    }
    return { value: out, end: i + 1 };
  }
  const newline = text.indexOf('\n', at);
  const end = newline < 0 ? text.length : newline;
  return { value: text.slice(at, end).trim(), end };
};

const unquote = (value: string): string => (value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);

export const parseModelfile = (text: string): ModelfileResult => {
  const source = text.replace(/\r\n/g, '\n');
  let from: string | null = null;
  let generatedFrom: string | null = null;
  const parameters: ModelfileParameter[] = [];
  const licenses: string[] = [];
  const messages: Array<{ role: string; content: string }> = [];
  const single: Partial<Record<'template' | 'system' | 'adapter' | 'renderer' | 'parser' | 'requires', string>> = {};
  let at = 0;
  while (at < source.length) {
    const lineEnd = source.indexOf('\n', at) < 0 ? source.length : source.indexOf('\n', at);
    const line = source.slice(at, lineEnd);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      const hint = /^#\s*FROM\s+(\S+)\s*$/i.exec(trimmed);
      if (hint) generatedFrom = hint[1]!;
      at = lineEnd + 1;
      continue;
    }
    const head = /^\s*(\S+)\s*/.exec(line)!;
    const word = head[1]!.toLowerCase() as ModelfileInstruction;
    if (!instructions.has(word)) return { ok: false, reason: `unknown instruction: ${head[1]!}` };
    let valueAt = at + head[0].length;
    if (word === 'parameter' || word === 'message') {
      const key = /^(\S+)\s*/.exec(source.slice(valueAt, lineEnd));
      if (!key) return { ok: false, reason: `missing value for ${word} in line "${trimmed}"` };
      valueAt += key[0].length;
      const { value, end } = readValue(source, valueAt);
      if (word === 'parameter') parameters.push({ key: key[1]!.toLowerCase(), value });
      else messages.push({ role: key[1]!.toLowerCase(), content: value });
      at = end + 1;
      continue;
    }
    const { value, end } = readValue(source, valueAt);
    if (word === 'from') from = unquote(value);
    else if (word === 'license') licenses.push(value);
    else if (word !== 'draft') single[word] = value;
    at = end + 1;
  }
  if (from === null || from === '') return { ok: false, reason: 'no FROM line' };
  return {
    ok: true,
    modelfile: {
      from,
      parameters,
      template: single.template ?? null,
      system: single.system ?? null,
      adapter: single.adapter ?? null,
      licenses,
      messages,
      renderer: single.renderer ?? null,
      parser: single.parser ?? null,
      requires: single.requires ?? null,
      generatedFrom,
    },
  };
};

/** The values of one parameter (`stop` repeats), in file order. */
export const modelfileParameter = (modelfile: Modelfile, key: string): string[] =>
  modelfile.parameters.filter((p) => p.key === key.toLowerCase()).map((p) => p.value);
