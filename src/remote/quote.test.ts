import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../e2e/harness/hostile-strings.js';
import { inCLocale, quote, raw, remotePath, sh, UnquotableValue } from './quote.js';



const bash = (script: string): Buffer => execFileSync('bash', ['-c', script]);

describe('quote', () => {
  it('leaves plain words readable', () => {
    expect(quote('nvidia-smi')).toBe('nvidia-smi');
    expect(quote('--query-gpu=utilization.gpu,temperature.gpu')).toBe('--query-gpu=utilization.gpu,temperature.gpu');
    expect(quote('/data/llm-model/Qwen3-30B-A3B')).toBe('/data/llm-model/Qwen3-30B-A3B');
    expect(quote(8000)).toBe('8000');
  });

  it.each(hostileStrings)('round-trips %j byte for byte through a real shell', (value) => {
    const out = bash(`printf %s ${quote(value)}`);
    expect(out.equals(Buffer.from(value, 'utf8'))).toBe(true);
  });

  it('keeps arrays as separate words and passes raw text through', () => {
    const args = ['a b', "c'd", '$(e)'];
    const out = bash(sh`printf '%s\\n' ${args}`).toString();
    expect(out).toBe('a b\nc\'d\n$(e)\n');
    expect(sh`echo ${raw('"$HOME"')}`).toBe('echo "$HOME"');
  });

  it('expands ~ only to $HOME and quotes the rest of the path', () => {
    const home = bash('printf %s "$HOME"').toString();
    expect(bash(`printf %s ${remotePath('~/a b/$(x)').text}`).toString()).toBe(`${home}/a b/$(x)`);
    expect(bash(`printf %s ${remotePath('~').text}`).toString()).toBe(home);
    expect(bash(`printf %s ${remotePath('/tmp/~x').text}`).toString()).toBe('/tmp/~x');
  });

  it('refuses a NUL byte instead of truncating silently', () => {
    expect(() => quote('a\0b')).toThrow(UnquotableValue);
  });

  it('prefixes the C locale', () => {
    expect(inCLocale('free -b')).toBe('LC_ALL=C free -b');
  });
});
