/**
 * The real docker captures (e2e/fixtures/captures/docker-formats.txt) by section, for the
 * parser and simulator tests that compare against them: a section starts at a
 * `############ <title>` line; `#` comment lines and blank lines are dropped.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const capturesDir = fileURLToPath(new URL('../../../../../e2e/fixtures/captures/', import.meta.url));

export const readCapture = (name: string): string => readFileSync(`${capturesDir}${name}`, 'utf8');

/** The data lines of the first section whose title contains `title`. */
export const captureSection = (title: string, file = 'docker-formats.txt'): string[] => {
  const lines = readCapture(file).split('\n');
  const start = lines.findIndex((l) => l.startsWith('############') && l.includes(title));
  if (start < 0) throw new Error(`no capture section "${title}" in ${file}`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('############')) break;
    if (line.startsWith('#') || line.trim() === '') continue;
    out.push(line);
  }
  return out;
};
