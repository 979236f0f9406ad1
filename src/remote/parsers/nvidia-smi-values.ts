/**
 * Cell values shared by every nvidia-smi format. nvidia-smi says "no value" in several ways
 * depending on the format and the hardware: `[N/A]` and `[Not Supported]` in CSV, bare `N/A` and
 * `Not Supported` in the table and `-q`, `-` in dmon, `[Unknown Error]` / `ERR!` when NVML fails.
 * All of them mean "no reading" — never 0 (GB10 reports its memory this way).
 */

const nullForms = new Set([
  '',
  'n/a',
  '[n/a]',
  'not supported',
  '[not supported]',
  'unknown error',
  '[unknown error]',
  'err!',
  '[insufficient permissions]',
  'insufficient permissions',
  '-',
]);

export const isNullCell = (text: string | undefined): boolean => text === undefined || nullForms.has(text.trim().toLowerCase());

/** A value and the unit written after it (`11.17 W` → 11.17, 'W'; `36C` → 36, 'C'). */
export interface Measured {
  readonly value: number;
  readonly unit: string | null;
}

const measured = /^([-+]?\d+(?:\.\d+)?)\s*([A-Za-z%/]+)?$/;

export const parseMeasured = (text: string | undefined): Measured | null => {
  if (isNullCell(text)) return null;
  const match = measured.exec(text!.trim());
  if (!match) return null;
  return { value: Number(match[1]), unit: match[2] ?? null };
};

/** A number with or without its unit; null for every "no value" form and for anything else odd. */
export const parseNumberCell = (text: string | undefined): number | null => parseMeasured(text)?.value ?? null;

/** A text cell, null for the "no value" forms. */
export const parseTextCell = (text: string | undefined): string | null => (isNullCell(text) ? null : text!.trim());

/** Splits output into lines, dropping a trailing '\r' (Windows hosts, pasted captures). */
export const outputLines = (text: string): string[] => text.split('\n').map((line) => line.replace(/\r$/, ''));

/** The driver-failure banner nvidia-smi prints (on stdout) when it cannot talk to the driver. */
export const driverFailurePrefix = 'NVIDIA-SMI has failed';

/** A line that is nvidia-smi's own error text rather than data, or undefined. */
export const smiErrorLine = (text: string): string | undefined =>
  outputLines(text).find(
    (line) =>
      line.startsWith(driverFailurePrefix) ||
      /^Field ".*" is not a valid field to query\./.test(line) ||
      line.startsWith('ERROR: Option') ||
      line.startsWith('Invalid combination of input arguments') ||
      line.startsWith('"--format=" switch is missing') ||
      line.startsWith('No devices were found'),
  );
