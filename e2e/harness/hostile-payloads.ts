/**
 * Malformed and hostile WebSocket messages for the protocol fuzz test. Deterministic (seeded), so
 * a failure reproduces. Each case says whether the server can echo its id back.
 */
export interface HostileCase {
  readonly label: string;
  readonly raw: string | Buffer;
  /** The id the error result must carry (null when the message has no usable id). */
  readonly id: number | null;
}

const mulberry32 = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const hostileStrings = [
  "'; rm -rf ~",
  '$(reboot)',
  '`id`',
  '\n\r\0',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '测试🚀\u202e',
  '\ud800',
  'a'.repeat(70_000),
  'x'.repeat(2_000_000),
];

const wrongValues: unknown[] = [null, true, 0, -1, 1.5, 1e308, '', 'dark ', [], ['dark'], {}, { a: 1 }, ...hostileStrings];

export const hostileCases = (count = 240, seed = 0x9e3779b9): HostileCase[] => {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cases: HostileCase[] = [];
  let id = 1000;
  const call = (method: unknown, payload: unknown, label: string) => {
    id += 1;
    cases.push({ label, raw: JSON.stringify({ t: 'call', id, method, payload }), id });
  };

  // Not JSON at all.
  for (const raw of ['', '{', 'nul', '{"t":"call",', '\u0000\u0001', '[1,2', 'undefined', "{'t':'call'}", '{"t":"call","id":1,}']) {
    cases.push({ label: `invalid JSON ${JSON.stringify(raw)}`, raw, id: null });
  }
  cases.push({ label: 'deep nesting', raw: '['.repeat(200_000) + ']'.repeat(200_000), id: null });
  cases.push({ label: 'binary frame', raw: Buffer.from([0xde, 0xad, 0xbe, 0xef]), id: null });

  // JSON, but not an envelope.
  for (const raw of ['null', '42', '"call"', '[]', '{}', '{"t":"call"}']) {
    cases.push({ label: `not an envelope ${raw}`, raw, id: null });
  }
  // Not a call, but it carries an id the caller could match: the error echoes it.
  cases.push({ label: 'a result sent by the client', raw: '{"t":"result","id":1}', id: 1 });
  cases.push({ label: 'a call without payload', raw: '{"t":"call","id":2,"method":"app:info"}', id: 2 });
  for (const badId of [-1, 1.5, '7', null, 2 ** 60, [], {}]) {
    cases.push({ label: `bad id ${JSON.stringify(badId)}`, raw: JSON.stringify({ t: 'call', id: badId, method: 'app:info', payload: {} }), id: null });
  }
  id += 1;
  cases.push({ label: 'extra envelope key', raw: JSON.stringify({ t: 'call', id, method: 'app:info', payload: {}, admin: true }), id });
  id += 1;
  cases.push({ label: 'method not a string', raw: JSON.stringify({ t: 'call', id, method: { name: 'app:info' }, payload: {} }), id });

  // Unknown methods, including names that exist on every object.
  for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'app:Info', 'app:info ', 'settings:*', '', 'm'.repeat(100)]) {
    call(method, {}, `unknown method ${JSON.stringify(method.slice(0, 20))}`);
  }

  // Prototype pollution attempts on a real method.
  cases.push(...['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"theme":"dark","__proto__":{"isAdmin":true}}'].map((payload) => {
    id += 1;
    return { label: `pollution ${payload}`, raw: `{"t":"call","id":${id},"method":"settings:update","payload":${payload}}`, id };
  }));

  // Wrong types and hostile strings in every field of every method, then random mixtures.
  for (const value of wrongValues) {
    call('settings:update', { theme: value }, `settings:update theme=${String(JSON.stringify(value)).slice(0, 20)}`);
    call('settings:update', { language: value }, `settings:update language=${String(JSON.stringify(value)).slice(0, 20)}`);
  }
  for (const payload of [null, 'x', 42, [], [{}], true]) {
    call('settings:update', payload, `settings:update payload=${JSON.stringify(payload)}`);
    call('app:info', payload, `app:info payload=${JSON.stringify(payload)}`);
    call('settings:get', payload, `settings:get payload=${JSON.stringify(payload)}`);
  }
  call('app:info', { unexpected: 1 }, 'app:info with an unexpected key');
  while (cases.length < count) {
    const method = pick(['settings:update', 'app:info', 'settings:get']);
    const key = pick(['theme', 'language', 'extra', '__proto__', 'x'.repeat(300)]);
    const value = pick(wrongValues);
    call(method, { [key]: value, ...(random() < 0.5 ? { [pick(['theme', 'language'])]: pick(wrongValues) } : {}) }, `random ${method}.${key.slice(0, 12)}`);
  }
  return cases;
};
