/**
 * Python's text forms that LLaMA Factory's files and console use: float repr (`1.0`,
 * `2.6315789473684212e-05`), `f"{v:.4g}"` (recent transformers' string-valued log dicts),
 * json.dumps (`", "`/`": "` separators, optional indent, sort_keys, ensure_ascii) and
 * str(timedelta) (`0:09:01`, `1 day, 2:03:04`).
 */

/** A number Python holds as a float (JSON shows `1.0`, not `1`). */
export class PyFloat {
  constructor(readonly value: number) {}
}
export const pyf = (value: number): PyFloat => new PyFloat(value);

const expForm = (mantissa: string, exponent: number): string => `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;

/** repr(float): shortest round-trip digits; scientific below 1e-4 or from 1e16. */
export const pyFloatRepr = (value: number): string => {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [digits, exp] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 16) return expForm(digits, exponent);
  const plain = value.toFixed(Math.max(0, digits.replace(/^-?\d\.?/, '').length - exponent));
  return plain.includes('.') ? plain : `${plain}.0`;
};

/** f"{value:.4g}". */
export const pyG4 = (value: number): string => {
  if (value === 0) return '0';
  const [m, e] = value.toExponential(3).split('e') as [string, string];
  const exponent = Number(e);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exponent < -4 || exponent >= 4) return expForm(strip(m), exponent);
  return strip(value.toFixed(3 - exponent));
};

const escape = (text: string, ensureAscii: boolean): string => {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) {
      const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
    } else out += ch;
  }
  return `${out}"`;
};

export interface DumpOptions {
  readonly indent?: number;
  readonly sortKeys?: boolean;
  readonly ensureAscii?: boolean;
}

/** json.dumps for plain data; numbers are ints unless wrapped in PyFloat. */
export const pyDumps = (value: unknown, options: DumpOptions = {}, depth = 0): string => {
  const { indent, sortKeys = false, ensureAscii = true } = options;
  if (value === null || value === undefined) return 'null';
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return escape(value, ensureAscii);
  const pad = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
  const close = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
  const sep = indent === undefined ? ', ' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => pad + pyDumps(v, options, depth + 1)).join(sep)}${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, v]) => `${pad}${escape(k, ensureAscii)}: ${pyDumps(v, options, depth + 1)}`).join(sep)}${close}}`;
};

/** str(datetime.timedelta(seconds=int(s))). */
export const timedelta = (seconds: number): string => {
  const total = Math.max(0, Math.floor(seconds));
  const days = Math.floor(total / 86_400);
  const rest = total % 86_400;
  const hms = `${Math.floor(rest / 3600)}:${String(Math.floor((rest % 3600) / 60)).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}`;
  return days > 0 ? `${days} day${days > 1 ? 's' : ''}, ${hms}` : hms;
};
