/**
 * Each box's model servers as main reports them (serve:changed), each start's progress
 * (serve:progressed: phase, elapsed, newest log lines), and the calls that change them. A launch
 * takes minutes, so its state lives here, not in the wizard: leaving the page loses nothing.
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { MethodRequest, MethodResponse } from '../../src/contract/methods.js';
import type { ServePhase, ServerView } from '../../src/domain/serve.js';
import { bridge } from '../bridge/bridge.js';

export interface ServeProgress {
  readonly phase: ServePhase;
  readonly elapsedMs: number;
  readonly lines: readonly string[];
}

interface ServeState {
  readonly byDevice: Readonly<Record<string, readonly ServerView[]>>;
  readonly progress: Readonly<Record<string, ServeProgress>>;
  /** A launch call under way, per box (when it began). */
  readonly launching: Readonly<Record<string, number | undefined>>;
  readonly busy: Readonly<Record<string, true>>;
  readonly errors: Readonly<Record<string, AppError | undefined>>;
}

export const useServeStore = create<ServeState>()(() => ({ byDevice: {}, progress: {}, launching: {}, busy: {}, errors: {} }));

const progressKey = (deviceId: string, key: string) => `${deviceId}|${key}`;
export const useServeProgress = (deviceId: string, key: string): ServeProgress | undefined => useServeStore((s) => s.progress[progressKey(deviceId, key)]);

const setServers = (deviceId: string, servers: readonly ServerView[]) => useServeStore.setState((s) => ({ byDevice: { ...s.byDevice, [deviceId]: servers } }));
const setError = (deviceId: string, error: AppError | undefined) => useServeStore.setState((s) => ({ errors: { ...s.errors, [deviceId]: error } }));
export const clearServeError = (deviceId: string) => setError(deviceId, undefined);

let following = false;
export const followServe = () => {
  if (following) return;
  following = true;
  bridge().on('serve:changed', ({ deviceId, servers }) => setServers(deviceId, servers));
  bridge().on('serve:progressed', ({ deviceId, key, phase, elapsedMs, lines }) =>
    useServeStore.setState((s) => ({ progress: { ...s.progress, [progressKey(deviceId, key)]: { phase, elapsedMs, lines } } })),
  );
};

export const loadServers = async (deviceId: string): Promise<void> => {
  followServe();
  const result = await bridge().call('serve:list', { deviceId });
  if (result.ok) setServers(deviceId, result.value);
  else setError(deviceId, result.error);
};

export const planServe = (request: MethodRequest<'serve:plan'>): Promise<Result<MethodResponse<'serve:plan'>>> => bridge().call('serve:plan', request);

export const launchServe = async (request: MethodRequest<'serve:launch'>): Promise<Result<MethodResponse<'serve:launch'>>> => {
  followServe();
  const { deviceId } = request;
  useServeStore.setState((s) => ({ launching: { ...s.launching, [deviceId]: Date.now() } }));
  setError(deviceId, undefined);
  const result = await bridge().call('serve:launch', request);
  useServeStore.setState((s) => ({ launching: { ...s.launching, [deviceId]: undefined } }));
  if (result.ok) {
    const others = (useServeStore.getState().byDevice[deviceId] ?? []).filter((v) => v.key !== result.value.key);
    setServers(deviceId, [...others, result.value]);
  }
  return result;
};

export const stopServer = async (deviceId: string, key: string, remove: boolean): Promise<void> => {
  useServeStore.setState((s) => ({ busy: { ...s.busy, [key]: true } }));
  const result = await bridge().call('serve:stop', { deviceId, key, remove });
  useServeStore.setState((s) => {
    const busy = { ...s.busy };
    delete busy[key];
    return { busy };
  });
  setError(deviceId, result.ok ? undefined : result.error);
};

export const fetchServerLogs = (deviceId: string, key: string, tail: number) => bridge().call('serve:logs', { deviceId, key, tail });
