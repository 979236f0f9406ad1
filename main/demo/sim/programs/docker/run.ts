/**
 * `docker run` and `docker create`: parse the options, find the image (pulling it when missing,
 * progress on stderr as the CLI does), create the container, print the daemon's warnings, then
 * start it. Detached, the id is printed and the command returns; attached, the container's
 * output streams until it exits (its exit code becomes docker's) or the user interrupts.
 */
import { readLog } from './container-log.js';
import { createContainer } from './create.js';
import type { DockerCtx } from './context.js';
import { followLog } from './follow.js';
import { familiarTagged, parseImageRef } from './image-ref.js';
import { findImage } from './lookup.js';
import { pullImage } from './pull.js';
import { parseRunArgs } from './run-options.js';
import { startContainer } from './start.js';
import { removeContainer, settle, stopContainer } from './stop.js';
import { flagError, noSuchImage, requiresAtLeast, usages, withHelp } from './texts.js';

export const runCommand = async (ctx: DockerCtx, argv: readonly string[], mode: 'run' | 'create'): Promise<number> => {
  const { io } = ctx;
  const usage = usages[mode];
  const usedPorts = new Set(io.read().containers.flatMap((c) => c.ports.map((p) => p.hostPort)));
  const parsed = parseRunArgs(argv, io, usedPorts);
  if (!parsed.ok) {
    if (parsed.code === 1) io.error(`${requiresAtLeast(`docker ${mode}`, 1, usage)}\n`);
    else if (parsed.usage) io.error(`${flagError(parsed.error, usage, `docker ${mode}`)}\n`);
    else io.error(`${withHelp(mode, parsed.error)}\n`);
    return parsed.code;
  }
  const options = parsed.options;
  // run wraps every daemon error in "docker: … Run 'docker run --help'" (exit 125); create
  // returns them as they are (exit 1).
  const fail = (message: string) => {
    io.error(`${mode === 'run' ? withHelp(mode, message) : message}\n`);
    return mode === 'run' ? 125 : 1;
  };
  const ref = parseImageRef(options.image);
  if (!ref.ok) return fail(ref.error);

  let image = findImage(io.read(), options.image);
  if (options.pull === 'always' || (!image && options.pull === 'missing')) {
    if (!image && !options.quiet) io.error(`Unable to find image '${familiarTagged(ref.ref)}' locally\n`);
    const pulled = await pullImage(ctx, options.image, options.quiet ? () => undefined : io.error, { tty: false, announceDefaultTag: false });
    if (!pulled.ok) return pulled.interrupted ? 130 : fail(pulled.error);
    image = pulled.image;
  }
  if (!image) return fail(noSuchImage(familiarTagged(ref.ref)));

  const created = createContainer(ctx, options, image);
  if (!created.ok) return fail(`Error response from daemon: ${created.error}`);
  for (const warning of created.warnings) io.error(`WARNING: ${warning}\n`);
  if (mode === 'create') {
    io.write(`${created.id}\n`);
    return 0;
  }

  if (options.detach) {
    io.write(`${created.id}\n`);
    const started = await startContainer(ctx, created.id);
    if (!started.ok) return fail(`Error response from daemon: ${started.error}`);
    return 0;
  }

  const tty = options.tty;
  const attach = { write: io.write, error: tty ? io.write : io.error };
  const started = await startContainer(ctx, created.id, { attach });
  if (!started.ok) return fail(`Error response from daemon: ${started.error}`);
  if (started.exitCode !== undefined) {
    settle(ctx);
    const ended = io.read().containers.find((c) => c.id === created.id);
    if (ended && options.autoRemove && ended.state === 'exited') removeContainer(ctx, created.id);
    return started.exitCode;
  }
  // Output a one-shot already streamed is not printed again; an engine's startup is followed from its first line.
  const from = started.streamed ? readLog(io.logs, created.id).length : 0;
  const end = await followLog(ctx, created.id, from, (entry) => (entry.stream === 'stderr' ? attach.error : attach.write)(`${entry.text}\n`));
  if (end.kind === 'interrupted') {
    // The CLI forwards the signal (sig-proxy); the daemon then removes an --rm container.
    await stopContainer(ctx, created.id, { signal: 'TERM', timeoutSec: 0 });
    return 130;
  }
  settle(ctx);
  const container = io.read().containers.find((c) => c.id === created.id);
  if (container && options.autoRemove && container.state === 'exited') removeContainer(ctx, created.id);
  return end.kind === 'exited' ? end.exitCode : 0;
};
