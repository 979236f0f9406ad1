/**
 * The containers and images of each box, as the Containers page last read them, the calls that
 * change them, and the Run form's draft and run: both outlive a visit to another page (a pull
 * can take minutes, and the Terminal is one click away).
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { MethodRequest, MethodResponse } from '../../src/contract/methods.js';
import type { ContainerView, ImageView } from '../../src/domain/container.js';
import { containerRunDefaults, type restartPolicies } from '../../src/recipes/container-run.js';
import { imageOnBox, type PullLayerRow, type PullPhase } from '../../src/recipes/pull-progress.js';
import { bridge } from '../bridge/bridge.js';

export type ContainerAction = MethodRequest<'containers:action'>['action'];
export type RunSpecInput = MethodRequest<'containers:run'>['spec'];
export type RestartPolicy = (typeof restartPolicies)[number];

export interface PortDraft {
  readonly id: number;
  readonly box: string;
  readonly container: string;
  /** 0.0.0.0 instead of the box's loopback: reachable from the whole network. */
  readonly open: boolean;
}

export interface VolumeDraft {
  readonly id: number;
  readonly host: string;
  readonly container: string;
  readonly readOnly: boolean;
}

export interface EnvDraft {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

/** The Run form as typed: text in every box, turned into a spec by run-form-model.ts. */
export interface RunDraft {
  readonly image: string;
  readonly name: string;
  readonly gpus: 'all' | 'none';
  readonly ipcHost: boolean;
  readonly shell: boolean;
  readonly restart: RestartPolicy;
  readonly ports: readonly PortDraft[];
  readonly volumes: readonly VolumeDraft[];
  readonly env: readonly EnvDraft[];
}

export const emptyRunDraft: RunDraft = {
  image: '',
  name: '',
  gpus: 'all',
  ipcHost: containerRunDefaults.ipcHost,
  shell: containerRunDefaults.shell,
  restart: containerRunDefaults.restart,
  ports: [],
  volumes: [],
  env: [],
};

/** The image is not on the box yet: it is pulled first, each layer shown as it moves. */
export interface PullStatus {
  readonly kind: 'pulling';
  readonly since: number;
  /** This window's name for the pull (progress events carry it; cancel names it). */
  readonly pullId: string;
  readonly image: string;
  readonly layers: readonly PullLayerRow[];
  readonly phase: PullPhase;
  readonly cancelling: boolean;
}

export type RunStatus =
  | { readonly kind: 'idle' }
  | PullStatus
  | { readonly kind: 'running'; readonly since: number }
  | { readonly kind: 'done'; readonly containerId: string; readonly name: string | undefined; readonly command: string }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface DeviceContainers {
  readonly containers: readonly ContainerView[];
  readonly images: readonly ImageView[];
  /** Epoch ms of the last list that arrived; undefined until the first one. */
  readonly updatedAt: number | undefined;
  readonly loading: boolean;
  /** Why the list could not be read (docker missing, needs sudo …). */
  readonly error: AppError | undefined;
  /** Container name → the action in flight on it. */
  readonly pending: Readonly<Record<string, ContainerAction>>;
  /** Why the last start / stop / restart / remove failed. */
  readonly actionError: AppError | undefined;
  readonly draft: RunDraft;
  readonly run: RunStatus;
}

interface ContainersState {
  readonly byDevice: Readonly<Record<string, DeviceContainers>>;
}

const emptyDevice: DeviceContainers = {
  containers: [],
  images: [],
  updatedAt: undefined,
  loading: false,
  error: undefined,
  pending: {},
  actionError: undefined,
  draft: emptyRunDraft,
  run: { kind: 'idle' },
};

export const useContainersStore = create<ContainersState>()(() => ({ byDevice: {} }));

export const useDeviceContainers = (deviceId: string): DeviceContainers => useContainersStore((s) => s.byDevice[deviceId] ?? emptyDevice);

/** The form's slices alone: the 5 s list refresh does not re-render (and re-check) the form. */
export const useRunDraft = (deviceId: string): RunDraft => useContainersStore((s) => s.byDevice[deviceId]?.draft ?? emptyRunDraft);
export const useRunStatus = (deviceId: string): RunStatus => useContainersStore((s) => s.byDevice[deviceId]?.run ?? emptyDevice.run);
/** Whether a pull or run is under way: the form needs no more than that (progress does not re-render it). */
export const useRunBusy = (deviceId: string): boolean => useContainersStore((s) => isBusy(s.byDevice[deviceId]?.run ?? emptyDevice.run));

const isBusy = (run: RunStatus) => run.kind === 'running' || run.kind === 'pulling';

const patch = (deviceId: string, change: (current: DeviceContainers) => Partial<DeviceContainers>) =>
  useContainersStore.setState((s) => {
    const current = s.byDevice[deviceId] ?? emptyDevice;
    return { byDevice: { ...s.byDevice, [deviceId]: { ...current, ...change(current) } } };
  });

/** One list call per box at a time: the 5 s timer, the button and an action's follow-up share it. */
const inFlight = new Map<string, Promise<void>>();

const readList = async (deviceId: string) => {
  patch(deviceId, () => ({ loading: true }));
  const result = await bridge().call('containers:list', { deviceId });
  patch(deviceId, () =>
    result.ok
      ? { loading: false, error: undefined, containers: result.value.containers, images: result.value.images, updatedAt: Date.now() }
      : { loading: false, error: result.error },
  );
};

/**
 * Reads the box's containers and images. `fresh` waits for a list already under way and reads
 * again, so what an action changed is in the answer (a list started before it might not be).
 */
export const refreshContainers = (deviceId: string, { fresh = false }: { fresh?: boolean } = {}): Promise<void> => {
  const running = inFlight.get(deviceId);
  if (running && !fresh) return running;
  const next = (running ?? Promise.resolve()).then(() => readList(deviceId));
  inFlight.set(deviceId, next);
  const settle = () => {
    if (inFlight.get(deviceId) === next) inFlight.delete(deviceId);
  };
  next.then(settle, settle);
  return next;
};

export const clearContainersError = (deviceId: string) => patch(deviceId, () => ({ error: undefined }));

export const clearContainerActionError = (deviceId: string) => patch(deviceId, () => ({ actionError: undefined }));

/** Start, stop, restart or remove one container, then read the list again. */
export const runContainerAction = async (deviceId: string, container: string, action: ContainerAction): Promise<boolean> => {
  patch(deviceId, (d) => ({ pending: { ...d.pending, [container]: action }, actionError: undefined }));
  const result = await bridge().call('containers:action', { deviceId, container, action });
  patch(deviceId, (d) => {
    const { [container]: _done, ...pending } = d.pending;
    return result.ok ? { pending } : { pending, actionError: result.error };
  });
  await refreshContainers(deviceId, { fresh: true });
  return result.ok;
};

export const fetchContainerLogs = (deviceId: string, container: string, tail: number): Promise<Result<MethodResponse<'containers:logs'>>> =>
  bridge().call('containers:logs', { deviceId, container, tail });

export const previewContainerRun = (deviceId: string, spec: RunSpecInput): Promise<Result<MethodResponse<'containers:run-preview'>>> =>
  bridge().call('containers:run-preview', { deviceId, spec });

export const editRunDraft = (deviceId: string, change: (draft: RunDraft) => RunDraft) => patch(deviceId, (d) => ({ draft: change(d.draft) }));

export const clearRunStatus = (deviceId: string) => patch(deviceId, () => ({ run: { kind: 'idle' } }));

// ---- pulls ---------------------------------------------------------------------------------------

let pullCounter = 0;
let followingPulls = false;

/** Routes each pull's progress to the box whose run it belongs to (installed once, on first use). */
const followPulls = () => {
  if (followingPulls) return;
  followingPulls = true;
  bridge().on('containers:pull-progressed', ({ deviceId, pullId, layers, phase }) =>
    useContainersStore.setState((s) => {
      const current = s.byDevice[deviceId];
      // A pull this window no longer waits for (cancelled, or another box's): nothing changes.
      if (current?.run.kind !== 'pulling' || current.run.pullId !== pullId) return s;
      return { byDevice: { ...s.byDevice, [deviceId]: { ...current, run: { ...current.run, layers, phase } } } };
    }),
  );
};

/** Pulls the image with per-layer progress; false when it failed (the run says why) or was cancelled. */
const pullFirst = async (deviceId: string, image: string): Promise<boolean> => {
  followPulls();
  pullCounter += 1;
  const pullId = `pull-${Date.now().toString(36)}-${pullCounter}`;
  patch(deviceId, () => ({ run: { kind: 'pulling', since: Date.now(), pullId, image, layers: [], phase: 'resolving', cancelling: false } }));
  const result = await bridge().call('containers:pull', { deviceId, image, pullId });
  if (result.ok) return true;
  // A cancel is the user's own doing: the form is simply ready again.
  patch(deviceId, () => ({ run: result.error.code === 'cancelled' ? { kind: 'idle' } : { kind: 'failed', error: result.error } }));
  void refreshContainers(deviceId, { fresh: true });
  return false;
};

/** Stops the pull under way on the box (docker drops it); the run goes back to idle when it has ended. */
export const cancelPull = async (deviceId: string): Promise<void> => {
  const run = (useContainersStore.getState().byDevice[deviceId] ?? emptyDevice).run;
  if (run.kind !== 'pulling' || run.cancelling) return;
  patch(deviceId, (d) => (d.run.kind === 'pulling' && d.run.pullId === run.pullId ? { run: { ...d.run, cancelling: true } } : {}));
  const result = await bridge().call('containers:pull-cancel', { pullId: run.pullId });
  if (!result.ok) patch(deviceId, (d) => (d.run.kind === 'pulling' && d.run.pullId === run.pullId ? { run: { ...d.run, cancelling: false } } : {}));
};

/**
 * Runs the spec, then reads the list again. An image the box does not list is pulled first, with
 * its layers shown (docker run would pull it too, but with nothing to show for many minutes).
 * One run per box at a time.
 */
export const runContainer = async (deviceId: string, spec: RunSpecInput): Promise<void> => {
  const current = useContainersStore.getState().byDevice[deviceId] ?? emptyDevice;
  if (isBusy(current.run)) return;
  if (!imageOnBox(spec.image, current.images.map((i) => i.reference)) && !(await pullFirst(deviceId, spec.image))) return;
  patch(deviceId, () => ({ run: { kind: 'running', since: Date.now() } }));
  const result = await bridge().call('containers:run', { deviceId, spec });
  patch(deviceId, () => ({ run: result.ok ? { kind: 'done', containerId: result.value.containerId, name: spec.name, command: result.value.command } : { kind: 'failed', error: result.error } }));
  if (result.ok) await refreshContainers(deviceId, { fresh: true });
};
