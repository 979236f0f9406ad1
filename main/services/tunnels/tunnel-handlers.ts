import { AppFailure, appError } from '../../../src/contract/errors.js';
import { listeningPortsCommand } from '../../../src/remote/commands/ports.js';
import { parseListeningPorts } from '../../../src/remote/parsers/ss-listen.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Handlers } from '../rpc/router.js';
import type { TunnelService } from './tunnel-service.js';

export const tunnelHandlers = (
  tunnels: TunnelService,
  checkDevice: (deviceId: string) => void,
  connection: (deviceId: string) => SshConnection,
): Pick<Handlers, 'tunnels:list' | 'tunnels:open' | 'tunnels:close' | 'tunnels:scan'> => ({
  'tunnels:list': ({ deviceId }) => tunnels.list(deviceId),
  'tunnels:open': ({ deviceId, boxPort, localPort, label }) => {
    checkDevice(deviceId);
    return tunnels.open(deviceId, boxPort, { ...(localPort ? { localPort } : {}), ...(label ? { label } : {}) });
  },
  'tunnels:close': ({ tunnelId }) => (tunnels.close(tunnelId), {}),
  'tunnels:scan': async ({ deviceId }) => {
    checkDevice(deviceId);
    const result = await connection(deviceId).exec(listeningPortsCommand(), { timeoutMs: 15_000 });
    if (result.code !== 0) {
      const missing = result.code === 127 || /not found/i.test(result.stderr);
      throw new AppFailure(
        missing
          ? appError('tool-missing', 'The box has no `ss` to list its listening ports.', 'Install it on the box: sudo apt install iproute2')
          : appError('remote-command-failed', `Listing the box's ports failed: ${result.stderr.trim() || `exit ${String(result.code)}`}`, 'Forward a port by its number instead.'),
      );
    }
    return parseListeningPorts(result.stdout);
  },
});
