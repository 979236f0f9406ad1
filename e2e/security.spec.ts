import { expect, test } from './fixtures.js';
import { tryUpgrade } from './harness/ws-client.js';

test('HTTP without the token is refused', async ({ request, app }) => {
  const bare = await request.get(`${app.origin}/`, { maxRedirects: 0 });
  expect(bare.status()).toBe(401);
  const wrong = await request.get(`${app.origin}/?token=not-the-token`, { maxRedirects: 0 });
  expect(wrong.status()).toBe(401);
  const asset = await request.get(`${app.origin}/index.html`, { maxRedirects: 0 });
  expect(asset.status()).toBe(401);
});

test('the tokened URL sets an HttpOnly cookie and serves a strict CSP', async ({ request, app }) => {
  const first = await request.get(app.url, { maxRedirects: 0 });
  expect(first.status()).toBe(303);
  expect(first.headers()['set-cookie']).toMatch(/HttpOnly; SameSite=Strict/);
  const page = await request.get(`${app.origin}/`);
  expect(page.status()).toBe(200);
  expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(page.headers()['content-security-policy']).not.toContain('unsafe-eval');
});

test('a foreign Host header is refused (DNS rebinding)', async ({ request, app }) => {
  const res = await request.get(app.url, { headers: { Host: `evil.example:${app.port}` }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
});

test('WebSocket upgrades need the token and our Origin', async ({ app }) => {
  const ws = `ws://127.0.0.1:${app.port}/ws`;
  expect(await tryUpgrade(ws, { Origin: app.origin })).toEqual({ opened: false, status: 401 });
  expect(await tryUpgrade(`${ws}?token=wrong`, { Origin: app.origin })).toEqual({ opened: false, status: 401 });
  expect(await tryUpgrade(`${ws}?token=${app.token}`, { Origin: 'http://evil.example' })).toEqual({ opened: false, status: 403 });
  expect(await tryUpgrade(`${ws}?token=${app.token}`, {})).toEqual({ opened: false, status: 403 });
  expect(await tryUpgrade(`${ws}?token=${app.token}`, { Origin: `http://127.0.0.1:${app.port + 1}` })).toEqual({
    opened: false,
    status: 403,
  });
  expect(await tryUpgrade(`${ws}?token=${app.token}`, { Origin: app.origin })).toEqual({ opened: true });
  expect(await tryUpgrade(ws, { Origin: app.origin, Cookie: `pgx_token=${app.token}` })).toEqual({ opened: true });
});

test('the server listens on loopback only', async ({ app }) => {
  expect(app.url.startsWith('http://127.0.0.1:')).toBe(true);
  const { networkInterfaces } = await import('node:os');
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  test.skip(!external, 'no non-loopback interface to try');
  const refused = await fetch(`http://${external!.address}:${app.port}/`).then(
    () => false,
    () => true,
  );
  expect(refused).toBe(true);
});
