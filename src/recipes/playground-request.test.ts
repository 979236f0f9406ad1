import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chatRequestBody, curlCommand, javascriptSnippet, laptopBaseUrl, pythonSnippet } from './playground-request.js';

const hostile = `It's "quoted"; rm -rf ~ $(reboot) \`id\`\nline two — 中文 \\ end`;

const body = chatRequestBody({ model: `qwen'3 $(x)`, system: 'Be brief.', messages: [{ role: 'user', content: hostile }, { role: 'assistant', content: 'ok' }], maxTokens: 256, temperature: 0.7 });

describe('playground request', () => {
  it('puts the system prompt first, streams, and asks for the usage chunk', () => {
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_tokens: 256, temperature: 0.7 });
    expect(chatRequestBody({ model: 'm', system: '  ', messages: [{ role: 'user', content: 'hi' }], maxTokens: 1, temperature: 0 }).messages).toHaveLength(1);
  });

  it('gives a curl command whose body reaches curl byte for byte, whatever the prompt holds', () => {
    const command = curlCommand(laptopBaseUrl(18000), body);
    // A POSIX shell runs it with curl replaced by a function that prints each argument.
    const out = execFileSync('sh', ['-c', `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }; ${command}`], { encoding: 'utf8' });
    const args = out.split('\0').slice(0, -1);
    expect(args.slice(0, 4)).toEqual(['-N', 'http://127.0.0.1:18000/v1/chat/completions', '-H', 'Content-Type: application/json']);
    expect(args[4]).toBe('-d');
    expect(JSON.parse(args[5]!)).toEqual(body);
  });

  it('gives a Python snippet with Python literals and the tunnel’s base URL', () => {
    const python = pythonSnippet(laptopBaseUrl(18000), body);
    expect(python).toContain('base_url="http://127.0.0.1:18000/v1"');
    expect(python).toContain('stream_options={"include_usage": True}');
    expect(python).toContain(JSON.stringify(hostile));
    expect(python).not.toMatch(/\btrue\b|\bnull\b/);
  });

  it('gives JavaScript that compiles and carries the same body', () => {
    const js = javascriptSnippet(laptopBaseUrl(18000), body);
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => unknown;
    expect(() => new AsyncFunction(js)).not.toThrow();
    const literal = js.slice(js.indexOf('JSON.stringify(') + 'JSON.stringify('.length, js.indexOf('),\n});'));
    expect(JSON.parse(literal)).toEqual(body);
  });
});
