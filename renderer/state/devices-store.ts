import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { ConnectionStatus, DeviceView } from '../../src/domain/device.js';
import { bridge } from '../bridge/bridge.js';

interface DevicesState {
  readonly views: DeviceView[];
  readonly loaded: boolean;
  readonly selectedId: string | undefined;
  readonly busy: boolean;
  readonly error: AppError | undefined;
  load(): Promise<void>;
  select(deviceId: string): void;
  addDemo(): Promise<void>;
  remove(deviceId: string, forgetSecrets?: boolean): Promise<void>;
  rename(deviceId: string, name: string): Promise<void>;
  move(deviceId: string, by: -1 | 1): Promise<void>;
  forgetHostKey(deviceId: string): Promise<void>;
  connect(deviceId: string): Promise<void>;
  disconnect(deviceId: string): Promise<void>;
  clearError(): void;
}

const selectedKey = 'pgx.selectedDevice';

const pickSelected = (views: DeviceView[], current: string | undefined): string | undefined =>
  views.some((v) => v.device.id === current) ? current : views[0]?.device.id;

export const useDevicesStore = create<DevicesState>()((set, get) => {
  const run = async <T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>, then: (value: T) => void) => {
    set({ busy: true, error: undefined });
    const result = await call();
    set({ busy: false });
    if (result.ok) then(result.value);
    else set({ error: result.error });
  };
  return {
    views: [],
    loaded: false,
    selectedId: localStorage.getItem(selectedKey) ?? undefined,
    busy: false,
    error: undefined,
    load: () =>
      run(
        () => bridge().call('devices:list', {}),
        (views) => set({ views, loaded: true, selectedId: pickSelected(views, get().selectedId) }),
      ),
    select: (deviceId) => {
      localStorage.setItem(selectedKey, deviceId);
      set({ selectedId: deviceId });
    },
    addDemo: () =>
      run(
        () => bridge().call('devices:add-demo', {}),
        (view) => {
          get().select(view.device.id);
          set((s) => ({ views: s.views.some((v) => v.device.id === view.device.id) ? s.views : [...s.views, view] }));
        },
      ),
    remove: (deviceId, forgetSecrets = true) =>
      run(
        () => bridge().call('devices:remove', { deviceId, forgetSecrets }),
        (views) => set({ views, selectedId: pickSelected(views, get().selectedId) }),
      ),
    rename: (deviceId, name) => run(() => bridge().call('devices:rename', { deviceId, name }), (views) => set({ views })),
    move: (deviceId, by) => {
      const ids = get().views.map((v) => v.device.id);
      const from = ids.indexOf(deviceId);
      const to = from + by;
      if (from < 0 || to < 0 || to >= ids.length) return Promise.resolve();
      [ids[from], ids[to]] = [ids[to]!, ids[from]!];
      return run(() => bridge().call('devices:reorder', { deviceIds: ids }), (views) => set({ views }));
    },
    forgetHostKey: (deviceId) => {
      const device = get().views.find((v) => v.device.id === deviceId)?.device;
      if (!device) return Promise.resolve();
      return run(() => bridge().call('devices:forget-host-key', { host: device.host, port: device.port }), () => {});
    },
    connect: (deviceId) => run(() => bridge().call('devices:connect', { deviceId }), () => {}),
    disconnect: (deviceId) => run(() => bridge().call('devices:disconnect', { deviceId }), () => {}),
    clearError: () => set({ error: undefined }),
  };
});

const applyStatus = (views: DeviceView[], deviceId: string, status: ConnectionStatus) =>
  views.map((v) => (v.device.id === deviceId ? { ...v, status } : v));

export const followDevices = () => {
  const offList = bridge().on('devices:changed', (views) =>
    useDevicesStore.setState((s) => ({ views, selectedId: pickSelected(views, s.selectedId) })),
  );
  const offStatus = bridge().on('device:status-changed', ({ deviceId, status }) =>
    useDevicesStore.setState((s) => ({ views: applyStatus(s.views, deviceId, status) })),
  );
  return () => {
    offList();
    offStatus();
  };
};

export const useSelectedDevice = (): DeviceView | undefined =>
  useDevicesStore((s) => s.views.find((v) => v.device.id === s.selectedId));
