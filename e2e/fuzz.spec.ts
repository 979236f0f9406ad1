import { defaultSettings } from '../src/domain/settings.js';
import { expect, test } from './fixtures.js';
import { hostileCases } from './harness/hostile-payloads.js';
import { openProtocolClient } from './harness/ws-client.js';

interface ResultMessage {
  t: 'result';
  id: number | null;
  result: { ok: boolean; value?: unknown; error?: { code: string; message: string; hint: string } };
}

test('hundreds of hostile payloads each get a bad-request value, and valid calls keep working', async ({ app }) => {
  test.setTimeout(120_000);
  const client = await openProtocolClient(`ws://127.0.0.1:${app.port}/ws?token=${app.token}`, app.origin);
  expect(await client.next()).toEqual({ t: 'hello', capabilities: { shell: 'browser' } });

  const cases = hostileCases(240);
  expect(cases.length).toBeGreaterThanOrEqual(200);
  let validId = 1;
  for (const hostile of cases) {
    client.sendRaw(hostile.raw);
    const reply = (await client.next()) as ResultMessage;
    expect(reply.t, hostile.label).toBe('result');
    expect(reply.id, hostile.label).toBe(hostile.id);
    expect(reply.result.ok, hostile.label).toBe(false);
    expect(reply.result.error?.code, hostile.label).toBe('bad-request');
    expect(reply.result.error?.message.length, hostile.label).toBeLessThan(600);

    validId += 1;
    client.sendRaw(JSON.stringify({ t: 'call', id: validId, method: 'settings:get', payload: {} }));
    const valid = (await client.next()) as ResultMessage;
    expect(valid, `valid call after ${hostile.label}`).toEqual({
      t: 'result',
      id: validId,
      result: { ok: true, value: defaultSettings() },
    });
  }
  client.close();
  expect(app.process.exitCode).toBeNull();
});
