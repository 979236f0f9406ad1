import { describe, expect, it } from 'vitest';
import { failure } from '../../../src/contract/errors.js';
import { defaultSettings } from '../../../src/domain/settings.js';
import { silentLogger } from '../log.js';
import { createRouter, type CallContext, type Handlers } from './router.js';

const context: CallContext = { clientId: 'test', onClientClosed: () => {} };

/** Methods these tests do not call: calling one is a test bug. */
const notUsed = () => {
  throw new Error('not used in the router tests');
};
const notUsedHere = {
  'devices:list': notUsed,
  'devices:add-demo': notUsed,
  'devices:remove': notUsed,
  'devices:connect': notUsed,
  'devices:disconnect': notUsed,
  'devices:probe-host': notUsed,
  'devices:add': notUsed,
  'devices:rename': notUsed,
  'devices:reorder': notUsed,
  'devices:forget-host-key': notUsed,
  'devices:import-ssh-config': notUsed,
  'devices:discover': notUsed,
  'devices:unlock': notUsed,
  'telemetry:watch': notUsed,
  'telemetry:history': notUsed,
  'telemetry:day': notUsed,
  'telemetry:check-environment': notUsed,
  'terminal:open': notUsed,
  'terminal:input': notUsed,
  'terminal:resize': notUsed,
  'terminal:ack': notUsed,
  'terminal:close': notUsed,
  'terminal:local-availability': notUsed,
  'tunnels:list': notUsed,
  'tunnels:open': notUsed,
  'tunnels:close': notUsed,
  'tunnels:scan': notUsed,
  'containers:list': notUsed,
  'containers:action': notUsed,
  'containers:logs': notUsed,
  'containers:run-preview': notUsed,
  'containers:run': notUsed,
  'containers:pull': notUsed,
  'containers:pull-cancel': notUsed,
  'apps:list': notUsed,
  'apps:launch': notUsed,
  'apps:start': notUsed,
  'apps:stop': notUsed,
  'apps:logs': notUsed,
  'models:list': notUsed,
  'models:delete': notUsed,
  'models:download': notUsed,
  'models:downloads': notUsed,
  'models:download-cancel': notUsed,
  'models:download-resume': notUsed,
  'models:download-remove': notUsed,
  'models:token-status': notUsed,
  'models:token-set': notUsed,
  'serve:plan': notUsed,
  'serve:launch': notUsed,
  'serve:list': notUsed,
  'serve:stop': notUsed,
  'serve:logs': notUsed,
  'playground:chat': notUsed,
  'playground:cancel': notUsed,
  'playground:stats': notUsed,
  'files:download': notUsed,
  'files:upload': notUsed,
  'files:transfers': notUsed,
  'files:cancel': notUsed,
  'files:resume': notUsed,
  'files:remove': notUsed,
  'files:reveal': notUsed,
  'files:downloads-dir': notUsed,
  'loadtest:start': notUsed,
  'loadtest:cancel': notUsed,
  'loadtest:reports': notUsed,
  'loadtest:report': notUsed,
  'loadtest:delete': notUsed,
  'loadtest:rename': notUsed,
  'profiler:probe': notUsed,
  'profiler:preview': notUsed,
  'profiler:capture': notUsed,
  'profiler:captures': notUsed,
  'profiler:sessions': notUsed,
  'profiler:start-window': notUsed,
  'profiler:stop': notUsed,
  'profiler:reports': notUsed,
  'profiler:delete': notUsed,
  'profiler:stats': notUsed,
  'profiler:open': notUsed,
  'files:list': notUsed,
  'files:mkdir': notUsed,
  'files:rename': notUsed,
  'files:delete': notUsed,
  'files:cache-sizes': notUsed,
  'files:stage-begin': notUsed,
  'files:stage-chunk': notUsed,
  'files:stage-end': notUsed,
  'files:stage-discard': notUsed,
  'finetune:environment': notUsed,
  'finetune:datasets': notUsed,
  'finetune:check-dataset': notUsed,
  'finetune:register-dataset': notUsed,
  'finetune:yaml': notUsed,
  'finetune:start': notUsed,
  'finetune:runs': notUsed,
  'finetune:run': notUsed,
  'finetune:curve': notUsed,
  'finetune:stop': notUsed,
  'finetune:resume': notUsed,
  'finetune:predict': notUsed,
  'finetune:results': notUsed,
  'finetune:llamaboard': notUsed,
  'finetune:remove': notUsed,
  'export:plan': notUsed,
  'export:start': notUsed,
  'export:list': notUsed,
  'export:get': notUsed,
  'export:retry': notUsed,
  'export:stop': notUsed,
  'export:remove': notUsed,
  'export:tools': notUsed,
  'export:build-tools': notUsed,
  'export:download': notUsed,
  'finetune:try-plan': notUsed,
  'finetune:try-start': notUsed,
  'finetune:try-status': notUsed,
  'finetune:try-stop': notUsed,
  'demo:faults': notUsed,
  'demo:set-fault': notUsed,
} satisfies Partial<Handlers>;

const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'app:info': () => ({ name: 'PGX Companion', version: '0', platform: 'linux', secretStorage: 'file-0600', dataDir: '/tmp' }),
  'settings:get': () => defaultSettings(),
  'settings:update': (patch) => ({ ...defaultSettings(), language: patch.language ?? 'system', theme: patch.theme ?? 'system' }),
  ...notUsedHere,
  ...overrides,
});

describe('router', () => {
  it('answers a valid call with its value', async () => {
    const dispatch = createRouter(handlers(), { log: silentLogger, checkResponses: true });
    expect(await dispatch('settings:update', { theme: 'dark' }, context)).toEqual({
      ok: true,
      value: { ...defaultSettings(), language: 'system', theme: 'dark' },
    });
  });

  it('refuses unknown methods, including prototype keys, as bad requests', async () => {
    const dispatch = createRouter(handlers(), { log: silentLogger });
    for (const method of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await dispatch(method, {}, context);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('bad-request');
    }
  });

  it('refuses payloads that do not match the schema, with the field named', async () => {
    const dispatch = createRouter(handlers(), { log: silentLogger });
    const result = await dispatch('settings:update', { theme: 'purple' }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toContain('theme');
    }
    const extra = await dispatch('settings:update', JSON.parse('{"__proto__": {"polluted": true}}'), context);
    expect(extra.ok).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('turns an AppFailure into its error value and anything else into internal', async () => {
    const dispatch = createRouter(
      handlers({
        'settings:get': () => {
          throw failure('not-found', 'No such thing.', 'Look elsewhere.');
        },
        'app:info': () => {
          throw new Error('boom');
        },
      }),
      { log: silentLogger },
    );
    expect(await dispatch('settings:get', {}, context)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such thing.', hint: 'Look elsewhere.' },
    });
    const internal = await dispatch('app:info', {}, context);
    expect(internal.ok === false && internal.error.code).toBe('internal');
    expect(internal.ok === false && internal.error.message).not.toContain('boom');
  });

  it('catches a handler whose response breaks the contract when checking is on', async () => {
    const dispatch = createRouter(handlers({ 'settings:get': () => ({ theme: 'neon' }) as never }), {
      log: silentLogger,
      checkResponses: true,
    });
    const result = await dispatch('settings:get', {}, context);
    expect(result.ok === false && result.error.code).toBe('internal');
  });
});
