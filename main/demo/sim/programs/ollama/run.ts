/**
 * `ollama run NAME [PROMPT]` without a terminal: pulls the model first when it is missing, loads
 * it (a `/usr/local/bin/ollama` runner appears in nvidia-smi and `ollama ps`), streams a canned
 * model-aware reply word by word and ends with a blank line, like the real client.
 */
import { endActivity, setActivity } from '../../dynamics.js';
import type { SimIO } from '../../io.js';
import { cannedReply, findModel, loadModel } from '../../ollama-model.js';
import { pull } from './pull.js';

const keepAliveMs = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const match = /^(-?\d+)(ms|s|m|h)?$/.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  return n < 0 ? -1 : n * unit;
};

export const run = async (io: SimIO, args: readonly string[]): Promise<number> => {
  const words: string[] = [];
  let keepAlive: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--keepalive') keepAlive = args[(i += 1)];
    else if (arg.startsWith('--keepalive=')) keepAlive = arg.slice('--keepalive='.length);
    else if (arg.startsWith('-')) continue;
    else words.push(arg);
  }
  const [name, ...promptWords] = words;
  if (name === undefined) {
    io.error('Error: requires at least 1 arg(s), only received 0\n');
    return 1;
  }
  if (!findModel(io.read(), name)) {
    const code = await pull(io, name);
    if (code !== 0) return code;
  }
  const prompt = promptWords.length > 0 ? promptWords.join(' ') : (await io.stdin()).trim();
  const loaded = io.update((s, now) => loadModel(s, name, now, { keepAliveMs: keepAliveMs(keepAlive ?? io.env['OLLAMA_KEEP_ALIVE']) }));
  const model = findModel(io.read(), name);
  if (!loaded || !model) {
    io.error(`Error: model '${name}' not found\n`);
    return 1;
  }
  if (prompt === '') return 0; // Interactive mode needs a terminal; with no prompt the real client just loads the model.
  const tuning = io.read().tuning;
  const activity = `ollama-run:${loaded.pid ?? model.name}`;
  io.update((s, now) => setActivity(s, activity, { util: 90, cpuCores: 1 }, now));
  try {
    if (!(await io.sleep(tuning.ttftMs))) return 130;
    const tokens = cannedReply(model, prompt).split(/(?<= )/);
    for (const token of tokens) {
      io.write(token);
      if (!(await io.sleep(tuning.tokenDelayMs))) return 130;
    }
    io.write('\n\n');
  } finally {
    io.update((s, now) => {
      endActivity(s, activity, now);
      loadModel(s, name, now, { keepAliveMs: keepAliveMs(keepAlive ?? io.env['OLLAMA_KEEP_ALIVE']) });
    });
  }
  return 0;
};
