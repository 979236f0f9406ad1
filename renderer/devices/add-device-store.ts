import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { MethodResponse } from '../../src/contract/methods.js';
import type { JumpHost } from '../../src/domain/device.js';
import { bridge } from '../bridge/bridge.js';
import { useDevicesStore } from '../state/devices-store.js';

type Probe = MethodResponse<'devices:probe-host'>;
type Discovered = MethodResponse<'devices:discover'>[number];
type Imported = MethodResponse<'devices:import-ssh-config'>[number];
type Accepted = { host: string; port: number; keyType: string; key: string; fingerprint: string };

export type AuthKind = 'password' | 'key-file' | 'agent';

export interface AddDeviceForm {
  readonly name: string;
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly authKind: AuthKind;
  readonly password: string;
  readonly keyPath: string;
  readonly passphrase: string;
  readonly rememberPassphrase: boolean;
  readonly jump: readonly JumpHost[];
}

const emptyForm: AddDeviceForm = { name: '', host: '', port: '22', user: '', authKind: 'password', password: '', keyPath: '', passphrase: '', rememberPassphrase: false, jump: [] };

interface AddDeviceState {
  readonly open: boolean;
  readonly form: AddDeviceForm;
  readonly discovering: boolean;
  readonly discovered: readonly Discovered[] | undefined;
  readonly imported: readonly Imported[] | undefined;
  /** The host key waiting for the user's decision. */
  readonly probe: Probe | undefined;
  readonly accepted: readonly Accepted[];
  readonly busy: 'checking' | 'adding' | undefined;
  readonly error: AppError | undefined;
  show(): void;
  close(): void;
  edit(patch: Partial<AddDeviceForm>): void;
  discover(): Promise<void>;
  importConfig(): Promise<void>;
  /** Checks the host key(s); adds the box at once when every key is already trusted. */
  check(): Promise<void>;
  /** The user compared the fingerprint and trusts it. */
  accept(): Promise<void>;
}

const authOf = (form: AddDeviceForm) =>
  form.authKind === 'password'
    ? ({ kind: 'password', password: form.password } as const)
    : form.authKind === 'agent'
      ? ({ kind: 'agent' } as const)
      : ({ kind: 'key-file', path: form.keyPath, ...(form.passphrase ? { passphrase: form.passphrase, rememberPassphrase: form.rememberPassphrase } : {}) } as const);

export const useAddDevice = create<AddDeviceState>()((set, get) => {
  const add = async () => {
    const { form, accepted } = get();
    set({ busy: 'adding', error: undefined, probe: undefined });
    const result = await bridge().call('devices:add', {
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      host: form.host.trim(),
      port: Number(form.port),
      user: form.user.trim(),
      auth: authOf(form),
      jump: [...form.jump],
      accepted: [...accepted],
    });
    if (!result.ok) return set({ busy: undefined, error: result.error });
    // The password is dropped from memory as soon as the box has our key.
    set({ busy: undefined, open: false, form: emptyForm, accepted: [], probe: undefined });
    useDevicesStore.getState().select(result.value.device.id);
    await useDevicesStore.getState().load();
  };
  return {
    open: false,
    form: emptyForm,
    discovering: false,
    discovered: undefined,
    imported: undefined,
    probe: undefined,
    accepted: [],
    busy: undefined,
    error: undefined,
    show: () => {
      set({ open: true, error: undefined, probe: undefined, accepted: [] });
      void get().discover();
      void get().importConfig();
    },
    close: () => set({ open: false, form: emptyForm, probe: undefined, accepted: [], error: undefined, busy: undefined }),
    edit: (patch) => set((s) => ({ form: { ...s.form, ...patch }, error: undefined, probe: undefined })),
    discover: async () => {
      set({ discovering: true });
      const result = await bridge().call('devices:discover', {});
      set({ discovering: false, discovered: result.ok ? result.value : [] });
    },
    importConfig: async () => {
      const result = await bridge().call('devices:import-ssh-config', {});
      set({ imported: result.ok ? result.value : [] });
    },
    check: async () => {
      const { form, accepted } = get();
      set({ busy: 'checking', error: undefined, probe: undefined });
      const result = await bridge().call('devices:probe-host', {
        host: form.host.trim(),
        port: Number(form.port),
        ...(form.user.trim() ? { user: form.user.trim() } : {}),
        ...(form.jump.length > 0 ? { auth: authOf(form) } : {}),
        jump: [...form.jump],
        accepted: [...accepted],
      });
      if (!result.ok) return set({ busy: undefined, error: result.error });
      const probe = result.value;
      if (probe.check.kind === 'trusted') {
        // The box (and every jump host) is known already: no question to ask.
        if (probe.host === form.host.trim() && probe.port === Number(form.port)) return add();
      }
      set({ busy: undefined, probe });
    },
    accept: async () => {
      const { probe, form } = get();
      if (!probe || probe.check.kind !== 'unknown') return;
      set((s) => ({ accepted: [...s.accepted, { host: probe.host, port: probe.port, ...probe.check.presented }] }));
      // A jump host's key was accepted: check the next one in the chain (or the box).
      if (probe.host !== form.host.trim() || probe.port !== Number(form.port)) return get().check();
      return add();
    },
  };
});
