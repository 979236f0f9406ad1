/**
 * `docker exec [-d] [-i] [-t] [-e K=V] [-u U] [-w DIR] CONTAINER COMMAND [ARG…]`: runs one of
 * the simulated programs (or a small builtin) inside a running container. A program no image
 * of ours has gets the daemon's OCI error on stdout (CRLF) and exit 127, as real docker does;
 * a `sh -c` script runs its commands in turn, with bash's "command not found" for unknown ones.
 */
import { childIo } from './child-io.js';
import { type FlagSpec, parseFlags } from './cli-flags.js';
import { builtinFor } from './container-programs.js';
import { type DockerCtx, hasGpu } from './context.js';
import { findContainer } from './lookup.js';
import { scriptCommands } from './shell-words.js';
import { settle } from './stop.js';
import { execNotFound, flagError, fromDaemon, noSuchContainer, notRunning, requiresAtLeast, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'detach', short: 'd', kind: 'bool' },
  { long: 'interactive', short: 'i', kind: 'bool' },
  { long: 'tty', short: 't', kind: 'bool' },
  { long: 'privileged', kind: 'bool' },
  { long: 'env', short: 'e', kind: 'list' },
  { long: 'env-file', kind: 'list' },
  { long: 'user', short: 'u', kind: 'value' },
  { long: 'workdir', short: 'w', kind: 'value' },
  { long: 'detach-keys', kind: 'value' },
];

const base = (word: string | undefined) => (word ?? '').split('/').pop() ?? '';
const shells = new Set(['bash', 'sh', 'dash', 'zsh', 'ash']);

export const execCommand = async (ctx: DockerCtx, argv: readonly string[], commandPath = 'docker exec'): Promise<number> => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: false });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.exec, commandPath)}\n`);
    return 125;
  }
  const [name, ...command] = parsed.args;
  if (name === undefined || command.length === 0) {
    io.error(`${requiresAtLeast(commandPath, 2, usages.exec)}\n`);
    return 1;
  }
  settle(ctx);
  const container = findContainer(io.read(), name);
  if (!container) {
    io.error(`${noSuchContainer(name)}\n`);
    return 1;
  }
  if (container.state === 'restarting') {
    io.error(`${fromDaemon(`Container ${container.id} is restarting, wait until the container is running`)}\n`);
    return 1;
  }
  if (container.state !== 'running') {
    io.error(`${fromDaemon(notRunning(container.id))}\n`);
    return 1;
  }
  const detach = parsed.flags.bool('detach');
  const write = detach ? () => undefined : io.write;
  const error = detach ? () => undefined : parsed.flags.bool('tty') ? io.write : io.error;
  const env = Object.fromEntries(
    [...container.env, ...parsed.flags.list('env')].map((e) => {
      const eq = e.indexOf('=');
      return eq < 0 ? [e, io.env[e]] : [e.slice(0, eq), e.slice(eq + 1)];
    }),
  );

  const runOne = async (words: readonly string[], insideShell: boolean): Promise<number> => {
    const builtin = builtinFor(words);
    if (builtin) return builtin({ container, argv: words, hasGpu: hasGpu(container), write, error });
    const program = ctx.programs[base(words[0])];
    if (program) {
      return program(childIo(io, { program: base(words[0]), argv: words.slice(1), env, write, error, signal: io.signal, container: container.id }));
    }
    if (insideShell) {
      error(`${base(command[0])}: line 1: ${words[0]}: command not found\n`);
      return 127;
    }
    // The daemon writes the start failure into the exec's output stream.
    write(`${execNotFound(words[0] ?? '')}\r\n`);
    return 127;
  };

  if (shells.has(base(command[0]))) {
    const scriptAt = command.indexOf('-c');
    if (scriptAt < 0) return 0; // an interactive shell: nothing to simulate, it ends with its input
    let code = 0;
    for (const words of scriptCommands(command[scriptAt + 1] ?? '')) {
      code = await runOne(words, true);
      if (code === 127) break;
    }
    return detach ? 0 : code;
  }
  const code = await runOne(command, false);
  return detach ? 0 : code;
};
