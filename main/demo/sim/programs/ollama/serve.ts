/**
 * `ollama serve`: the daemon in the foreground. On DGX OS the systemd service already holds
 * 127.0.0.1:11434, so a second one fails to bind like the real binary; otherwise the REST server
 * starts and the command runs until interrupted.
 */
import type { SimIO } from '../../io.js';
import { ollamaConstants } from '../../ollama-model.js';

const host = (io: SimIO): string => io.env['OLLAMA_HOST'] ?? '127.0.0.1:11434';

export const serve = async (io: SimIO): Promise<number> => {
  const address = host(io);
  if (io.read().ollama.serving) {
    io.error(`Error: listen tcp ${address}: bind: address already in use\n`);
    return 1;
  }
  const state = io.update((s) => {
    s.ollama.serving = true;
    return s;
  });
  io.servers.start({
    id: 'ollama',
    kind: 'ollama',
    port: Number(address.split(':').pop()) || 11434,
    model: '',
    servedName: '',
    readyAfterMs: 0,
    ttftMs: state.tuning.ttftMs,
    tokenDelayMs: state.tuning.tokenDelayMs,
    maxConcurrency: 4,
    defaultMaxTokens: 64,
  });
  const stamp = () => new Date(io.now()).toISOString().replace(/\.\d+Z$/, '.000Z');
  io.error(`time=${stamp()} level=INFO source=routes.go:1588 msg="Listening on ${address} (version ${ollamaConstants.version})"\n`);
  io.error(`time=${stamp()} level=INFO source=types.go:131 msg="inference compute" id=GPU-0 library=CUDA compute=12.1 name=CUDA0 description="NVIDIA GB10" total="119.7 GiB" available="114.2 GiB"\n`);
  while (await io.sleep(60_000)) {
    // Runs until interrupted or killed, like the real daemon.
  }
  io.update((s) => {
    s.ollama.serving = false;
    s.ollama.loaded = [];
    s.gpuProcesses = s.gpuProcesses.filter((p) => p.name !== ollamaConstants.processName);
  });
  io.servers.stop('ollama');
  return 130;
};
