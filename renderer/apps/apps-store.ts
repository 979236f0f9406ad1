/**
 * Each box's one-click apps as main reports them (apps:changed after a launch, a health change,
 * a stop, or when the box is read again), and the calls that change them. A launch can take
 * minutes (an image pull), so its state lives here, not in a card: leaving the page loses nothing.
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { MethodResponse } from '../../src/contract/methods.js';
import type { AppView } from '../../src/domain/app.js';
import type { AppSpecInput } from '../../src/recipes/app-specs.js';
import { bridge } from '../bridge/bridge.js';

/** Which catalogue entry a launch belongs to: the app id, or `custom-<id>`. */
export type CatalogueId = string;

interface AppsState {
  readonly byDevice: Readonly<Record<string, readonly AppView[]>>;
  /** Launches under way, by device then catalogue id (the time each began). */
  readonly launching: Readonly<Record<string, Readonly<Record<CatalogueId, number>>>>;
  /** App keys with a stop / start / remove under way. */
  readonly busy: Readonly<Record<string, true>>;
  readonly errors: Readonly<Record<string, AppError | undefined>>;
  readonly loaded: Readonly<Record<string, boolean>>;
}

export const useAppsStore = create<AppsState>()(() => ({ byDevice: {}, launching: {}, busy: {}, errors: {}, loaded: {} }));

const setApps = (deviceId: string, apps: readonly AppView[]) =>
  useAppsStore.setState((s) => ({ byDevice: { ...s.byDevice, [deviceId]: apps }, loaded: { ...s.loaded, [deviceId]: true } }));

const setError = (deviceId: string, error: AppError | undefined) => useAppsStore.setState((s) => ({ errors: { ...s.errors, [deviceId]: error } }));

let following = false;

export const followApps = () => {
  if (following) return;
  following = true;
  bridge().on('apps:changed', ({ deviceId, apps }) => setApps(deviceId, apps));
};

/** Reads the box's apps again (found by labels, services asked of systemd). */
export const loadApps = async (deviceId: string): Promise<void> => {
  followApps();
  const result = await bridge().call('apps:list', { deviceId });
  if (result.ok) {
    setApps(deviceId, result.value);
    setError(deviceId, undefined);
  } else setError(deviceId, result.error);
};

const setLaunching = (deviceId: string, id: CatalogueId, since: number | undefined) =>
  useAppsStore.setState((s) => {
    const mine = { ...(s.launching[deviceId] ?? {}) };
    if (since === undefined) delete mine[id];
    else mine[id] = since;
    return { launching: { ...s.launching, [deviceId]: mine } };
  });

export const catalogueIdOf = (spec: AppSpecInput): CatalogueId => (spec.app === 'custom' ? `custom-${spec.id}` : spec.app);

export const launchApp = async (deviceId: string, spec: AppSpecInput): Promise<Result<MethodResponse<'apps:launch'>>> => {
  const id = catalogueIdOf(spec);
  setLaunching(deviceId, id, Date.now());
  setError(deviceId, undefined);
  const result = await bridge().call('apps:launch', { deviceId, spec });
  setLaunching(deviceId, id, undefined);
  if (!result.ok) setError(deviceId, result.error);
  return result;
};

const withBusy = async (deviceId: string, key: string, call: () => Promise<Result<unknown>>) => {
  useAppsStore.setState((s) => ({ busy: { ...s.busy, [key]: true } }));
  const result = await call();
  useAppsStore.setState((s) => {
    const busy = { ...s.busy };
    delete busy[key];
    return { busy };
  });
  setError(deviceId, result.ok ? undefined : result.error);
};

export const stopApp = (deviceId: string, key: string, remove: boolean) => withBusy(deviceId, key, () => bridge().call('apps:stop', { deviceId, key, remove }));

export const startApp = (deviceId: string, key: string) => withBusy(deviceId, key, () => bridge().call('apps:start', { deviceId, key }));

export const fetchAppLogs = (deviceId: string, key: string, tail: number): Promise<Result<MethodResponse<'apps:logs'>>> => bridge().call('apps:logs', { deviceId, key, tail });

export const clearAppsError = (deviceId: string) => setError(deviceId, undefined);
