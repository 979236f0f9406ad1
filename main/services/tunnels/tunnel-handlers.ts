import type { Handlers } from '../rpc/router.js';
import type { TunnelService } from './tunnel-service.js';

export const tunnelHandlers = (tunnels: TunnelService, checkDevice: (deviceId: string) => void): Pick<Handlers, 'tunnels:list' | 'tunnels:open' | 'tunnels:close'> => ({
  'tunnels:list': ({ deviceId }) => tunnels.list(deviceId),
  'tunnels:open': ({ deviceId, boxPort, localPort, label }) => {
    checkDevice(deviceId);
    return tunnels.open(deviceId, boxPort, { ...(localPort ? { localPort } : {}), ...(label ? { label } : {}) });
  },
  'tunnels:close': ({ tunnelId }) => (tunnels.close(tunnelId), {}),
});
