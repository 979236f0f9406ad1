import { describe, expect, it } from 'vitest';
import { execShellCommand, imageSize, pullBytes, relativeTime } from './format.js';

describe('containers page formats', () => {
  it('relative times in the page’s language, never in the future (the box’s clock may run ahead)', () => {
    const now = Date.UTC(2026, 10, 25, 12, 0, 0);
    expect(relativeTime(now - 3 * 3600_000, now, 'en')).toBe('3 hours ago');
    expect(relativeTime(now + 1500, now, 'en')).toBe('now');
    expect(relativeTime(now - 2 * 86_400_000, now, 'zh-CN')).toBe('前天');
  });

  it('sizes, and the shell command into a container by name', () => {
    expect(imageSize(21.5 * 2 ** 30)).toBe('21.5 GiB');
    expect(imageSize(300 * 2 ** 20)).toBe('300 MiB');
    // A pull's bytes in docker's decimal units, as its own bars print them.
    expect([pullBytes(45_600_000), pullBytes(5_764_000_000), pullBytes(2_500), pullBytes(512)]).toEqual(['45.6 MB', '5.8 GB', '2.5 kB', '512 B']);
    expect(execShellCommand('vllm-qwen3')).toBe("docker exec -it vllm-qwen3 sh -c 'command -v bash >/dev/null && exec bash || exec sh'");
  });
});
