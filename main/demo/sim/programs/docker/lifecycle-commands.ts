/**
 * `docker start`, `stop`, `restart`, `kill` and `rm` over one or more containers. Each prints
 * the name or id it was given once done; failures are collected and printed at the end (start:
 * each at once, then "Error: failed to start containers: …"), exit 1 — as docker/cli 28 does.
 */
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { findContainer } from './lookup.js';
import { startContainer } from './start.js';
import { removeContainer, stopContainer } from './stop.js';
import { flagError, fromDaemon, killNotRunning, noSuchContainer, removeRunning, requiresAtLeast, usages } from './texts.js';

type Verb = 'start' | 'stop' | 'restart' | 'kill' | 'rm';

const specs: Record<Verb, readonly FlagSpec[]> = {
  start: [
    { long: 'attach', short: 'a', kind: 'bool' },
    { long: 'interactive', short: 'i', kind: 'bool' },
    { long: 'detach-keys', kind: 'value' },
  ],
  stop: [
    { long: 'time', short: 't', kind: 'value' },
    { long: 'timeout', kind: 'value' },
    { long: 'signal', short: 's', kind: 'value' },
  ],
  restart: [
    { long: 'time', short: 't', kind: 'value' },
    { long: 'timeout', kind: 'value' },
    { long: 'signal', short: 's', kind: 'value' },
  ],
  kill: [{ long: 'signal', short: 's', kind: 'value' }],
  rm: [
    { long: 'force', short: 'f', kind: 'bool' },
    { long: 'volumes', short: 'v', kind: 'bool' },
    { long: 'link', short: 'l', kind: 'bool' },
  ],
};

/** The default grace period of `docker stop` (seconds). */
const defaultStopTimeout = 10;

export const lifecycleCommand = async (ctx: DockerCtx, verb: Verb, argv: readonly string[], commandPath = `docker ${verb}`): Promise<number> => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs[verb], { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages[verb], commandPath)}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  if (args.length === 0) {
    io.error(`${requiresAtLeast(commandPath, 1, usages[verb])}\n`);
    return 1;
  }
  const timeoutText = flags.value('time') ?? flags.value('timeout');
  const timeoutSec = timeoutText === undefined ? defaultStopTimeout : Math.max(0, Number(timeoutText) || 0);
  const signal = (flags.value('signal') ?? (verb === 'kill' ? 'KILL' : 'TERM')).replace(/^SIG/, '').toUpperCase() === 'KILL' || flags.value('signal') === '9' ? 'KILL' : 'TERM';
  const errors: string[] = [];
  const failedStarts: string[] = [];

  for (const name of args) {
    const container = findContainer(io.read(), name);
    if (!container) {
      if (verb === 'rm' && flags.bool('force')) {
        io.error(`${noSuchContainer(name)}\n`);
        continue;
      }
      if (verb === 'start') {
        io.error(`${noSuchContainer(name)}\n`);
        failedStarts.push(name);
      } else errors.push(noSuchContainer(name));
      continue;
    }
    const running = container.state === 'running' || container.state === 'restarting';
    switch (verb) {
      case 'start': {
        const result = await startContainer(ctx, container.id);
        if (!result.ok) {
          io.error(`${fromDaemon(result.error)}\n`);
          failedStarts.push(name);
          continue;
        }
        break;
      }
      case 'stop':
        await stopContainer(ctx, container.id, { signal, timeoutSec });
        break;
      case 'restart': {
        await stopContainer(ctx, container.id, { signal, timeoutSec });
        const result = await startContainer(ctx, container.id);
        if (!result.ok) {
          errors.push(fromDaemon(result.error));
          continue;
        }
        break;
      }
      case 'kill':
        if (!running) {
          errors.push(killNotRunning(name, container.id));
          continue;
        }
        await stopContainer(ctx, container.id, { signal: 'KILL', timeoutSec: 0 });
        break;
      case 'rm':
        if (running) {
          if (!flags.bool('force')) {
            errors.push(removeRunning(name));
            continue;
          }
          await stopContainer(ctx, container.id, { signal: 'KILL', timeoutSec: 0 });
        }
        removeContainer(ctx, container.id);
        break;
    }
    io.write(`${name}\n`);
  }
  if (failedStarts.length > 0) {
    io.error(`Error: failed to start containers: ${failedStarts.join(', ')}\n`);
    return 1;
  }
  if (errors.length > 0) {
    io.error(`${errors.join('\n')}\n`);
    return 1;
  }
  return 0;
};
