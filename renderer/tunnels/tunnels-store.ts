import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { ListeningPort, TunnelView } from '../../src/domain/tunnel.js';
import { bridge } from '../bridge/bridge.js';

interface TunnelsState {
  readonly tunnels: readonly TunnelView[];
  readonly error: AppError | undefined;
}

/** Every open tunnel, as main reports it (opened, closed, bytes, its box away or back). */
export const useTunnelsStore = create<TunnelsState>()(() => ({ tunnels: [], error: undefined }));

let following = false;

export const followTunnels = async () => {
  if (following) return;
  following = true;
  bridge().on('tunnels:changed', (tunnels) => useTunnelsStore.setState({ tunnels }));
  const result = await bridge().call('tunnels:list', {});
  if (result.ok) useTunnelsStore.setState({ tunnels: result.value });
};

export const openTunnel = async (deviceId: string, boxPort: number, localPort?: number, label?: string): Promise<TunnelView | undefined> => {
  const result = await bridge().call('tunnels:open', { deviceId, boxPort, ...(localPort ? { localPort } : {}), ...(label ? { label } : {}) });
  if (!result.ok) {
    useTunnelsStore.setState({ error: result.error });
    return undefined;
  }
  useTunnelsStore.setState({ error: undefined });
  return result.value;
};

export const closeTunnel = async (tunnelId: string) => {
  const result = await bridge().call('tunnels:close', { tunnelId });
  if (!result.ok) useTunnelsStore.setState({ error: result.error });
};

/** What listens on the box, to offer forwarding it (errors land in the store like the others). */
export const scanBoxPorts = async (deviceId: string): Promise<ListeningPort[] | undefined> => {
  const result = await bridge().call('tunnels:scan', { deviceId });
  if (!result.ok) {
    useTunnelsStore.setState({ error: result.error });
    return undefined;
  }
  return result.value;
};

export const clearTunnelError = () => useTunnelsStore.setState({ error: undefined });
