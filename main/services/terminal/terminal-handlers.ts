import type { Handlers } from '../rpc/router.js';
import type { TerminalService } from './terminal-service.js';

export const terminalHandlers = (
  terminals: TerminalService,
  checkDevice: (deviceId: string) => void,
): Pick<Handlers, 'terminal:open' | 'terminal:input' | 'terminal:resize' | 'terminal:ack' | 'terminal:close' | 'terminal:local-availability'> => ({
  'terminal:open': async ({ terminalId, target, cols, rows, session, tmux }, context) => {
    if (target.kind === 'device') checkDevice(target.deviceId);
    // A window that goes away takes its tabs with it (tmux sessions stay on the box).
    context.onClientClosed(() => terminals.forget(context.clientId));
    return terminals.open(context.clientId, terminalId, target, cols, rows, { ...(session ? { session } : {}), tmux: tmux ?? true });
  },
  'terminal:input': ({ terminalId, data }, context) => (terminals.input(context.clientId, terminalId, data), {}),
  'terminal:resize': ({ terminalId, cols, rows }, context) => (terminals.resize(context.clientId, terminalId, cols, rows), {}),
  'terminal:ack': ({ terminalId, bytes }, context) => (terminals.ack(context.clientId, terminalId, bytes), {}),
  'terminal:close': ({ terminalId, end }, context) => (terminals.close(context.clientId, terminalId, end), {}),
  'terminal:local-availability': () => terminals.localAvailability(),
});
