/**
 * The `ollama` CLI: --version, list, ps, pull, show, create, rm, run, stop, serve — printed as the
 * real client prints them without a terminal, over the state the REST server shares
 * (ollama-model.ts). Every client command needs the daemon: when it is not serving they print
 * the real `could not connect` error.
 */
import type { Program, SimIO } from '../../io.js';
import { deleteModel, findModel, listModels, ollamaConstants, pruneExpired, runningModels, unloadModel } from '../../ollama-model.js';
import { create } from './create.js';
import { humanBytes, humanTime, table } from './format.js';
import { pull } from './pull.js';
import { run } from './run.js';
import { serve } from './serve.js';
import { show } from './show.js';

export const ollamaTexts = {
  notRunning: 'Error: could not connect to ollama app, is it running?\n',
  usage: `Large language model runner

Usage:
  ollama [flags]
  ollama [command]

Available Commands:
  serve       Start ollama
  create      Create a model
  show        Show information for a model
  run         Run a model
  stop        Stop a running model
  pull        Pull a model from a registry
  push        Push a model to a registry
  signin      Sign in to ollama.com
  signout     Sign out from ollama.com
  list        List models
  ps          List running models
  cp          Copy a model
  rm          Remove a model
  help        Help about any command

Flags:
  -h, --help      help for ollama
  -v, --version   Show version information

Use "ollama [command] --help" for more information about a command.
`,
} as const;

const version = (io: SimIO): number => {
  if (io.read().ollama.serving) io.write(`ollama version is ${ollamaConstants.version}\n`);
  else io.write(`Warning: could not connect to a running Ollama instance\nWarning: client version is ${ollamaConstants.version}\n`);
  return 0;
};

const list = (io: SimIO): number => {
  const now = io.now();
  const rows = listModels(io.read()).map((m) => [m.name, m.digest.slice(0, 12), humanBytes(m.sizeBytes), humanTime(m.modifiedAt, now)]);
  io.write(table(['NAME', 'ID', 'SIZE', 'MODIFIED'], rows));
  return 0;
};

const ps = (io: SimIO): number => {
  io.update((s, now) => pruneExpired(s, now));
  const state = io.read();
  const now = io.now();
  const rows = runningModels(state, now).map((l) => {
    const model = findModel(state, l.name);
    // GB10's unified memory: the whole model counts as VRAM, so always 100% GPU.
    return [l.name, (model?.digest ?? '').slice(0, 12), humanBytes(l.sizeVramBytes), '100% GPU', String(l.contextLength), humanTime(l.expiresAt, now)];
  });
  io.write(table(['NAME', 'ID', 'SIZE', 'PROCESSOR', 'CONTEXT', 'UNTIL'], rows));
  return 0;
};

const rm = (io: SimIO, names: readonly string[]): number => {
  if (names.length === 0) {
    io.error('Error: requires at least 1 arg(s), only received 0\n');
    return 1;
  }
  for (const name of names) {
    const removed = io.update((s) => deleteModel(s, name));
    if (!removed) {
      io.error(`Error: model '${name}' not found\n`);
      return 1;
    }
    io.write(`deleted '${name}'\n`);
  }
  return 0;
};

const stop = (io: SimIO, name: string | undefined): number => {
  if (name === undefined) {
    io.error('Error: accepts 1 arg(s), received 0\n');
    return 1;
  }
  if (!io.read().ollama.models.some((m) => m.name === findModel(io.read(), name)?.name)) {
    io.error(`Error: model '${name}' not found\n`);
    return 1;
  }
  if (!io.update((s) => unloadModel(s, name))) {
    io.error(`Error: couldn't find model "${name}" to stop\n`);
    return 1;
  }
  return 0;
};

export const ollama: Program = async (io) => {
  const [command, ...rest] = io.argv;
  if (command === '-v' || command === '--version' || command === 'version') return version(io);
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    io.write(ollamaTexts.usage);
    return 0;
  }
  if (command === 'serve' || command === 'start') return serve(io);
  const clientCommands = ['list', 'ls', 'ps', 'pull', 'show', 'create', 'rm', 'run', 'stop'];
  if (!clientCommands.includes(command)) {
    io.error(`Error: unknown command "${command}" for "ollama"\n`);
    return 1;
  }
  if (!io.read().ollama.serving) {
    io.error(ollamaTexts.notRunning);
    return 1;
  }
  switch (command) {
    case 'list':
    case 'ls':
      return list(io);
    case 'ps':
      return ps(io);
    case 'pull': {
      const name = rest.find((a) => !a.startsWith('-'));
      if (name === undefined) {
        io.error('Error: accepts 1 arg(s), received 0\n');
        return 1;
      }
      return pull(io, name);
    }
    case 'show':
      return show(io, rest);
    case 'create':
      return create(io, rest);
    case 'rm':
      return rm(io, rest);
    case 'run':
      return run(io, rest);
    default:
      return stop(io, rest[0]);
  }
};
