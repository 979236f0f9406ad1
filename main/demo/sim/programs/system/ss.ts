/**
 * `ss -ltn[p][H]` of the simulated box: what listens on TCP. sshd on 22, Ollama's host service
 * on 127.0.0.1:11434 while it serves, DGX Dashboard's service on 127.0.0.1:11000 while its unit is
 * active (DGX OS keeps it to loopback: one reaches it through a tunnel), and docker-proxy for every published port of a running
 * container (on 0.0.0.0 and [::], as docker binds both). A non-root user gets no process column
 * for root's listeners, as on a real box, so `-p` adds nothing here.
 */
import type { Program } from '../../io.js';
import { activeState } from './systemctl-units.js';

const row = (local: string, peer: string) => `LISTEN 0      4096   ${local.padEnd(20)} ${peer}`;

export const ss: Program = async (io) => {
  const flags = new Set<string>();
  for (const word of io.argv) {
    if (!/^-[ltnpHa4u]+$/.test(word)) {
      io.error(`ss: bad option "${word}" (the simulated ss knows -l -t -n -p -H)\n`);
      return 1;
    }
    for (const c of word.slice(1)) flags.add(c);
  }
  if (!flags.has('l') || !flags.has('t')) {
    io.error('ss: the simulated ss lists listening TCP sockets only (use -ltn)\n');
    return 1;
  }
  const state = io.read();
  const now = io.now();
  const lines: string[] = [];
  if (!flags.has('H')) lines.push('State  Recv-Q Send-Q Local Address:Port   Peer Address:Port Process');
  lines.push(row('0.0.0.0:22', '0.0.0.0:*'));
  if (state.ollama.serving) lines.push(row('127.0.0.1:11434', '0.0.0.0:*'));
  if (activeState(state, 'dgx-dashboard.service') === 'active') lines.push(row('127.0.0.1:11000', '0.0.0.0:*'));
  for (const container of state.containers) {
    const running = container.state === 'running' && !(container.exitAt && container.exitAt.at <= now);
    if (!running) continue;
    for (const port of container.ports) {
      if (port.protocol !== 'tcp') continue;
      lines.push(row(`${port.hostIp}:${port.hostPort}`, '0.0.0.0:*'));
      if (port.hostIp === '0.0.0.0') lines.push(row(`[::]:${port.hostPort}`, '[::]:*'));
    }
  }
  lines.push(row('[::]:22', '[::]:*'));
  io.write(`${lines.join('\n')}\n`);
  return 0;
};
