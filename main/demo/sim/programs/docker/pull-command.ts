/**
 * `docker pull [-q] [--platform P] NAME[:TAG|@DIGEST]`: progress on stdout (TTY rendering when
 * the session has a terminal: sshd sets TERM only for a PTY), then the fully qualified
 * reference. Daemon errors go to stderr, exit 1.
 */
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { fullyQualified, parseImageRef } from './image-ref.js';
import { pullImage } from './pull.js';
import { flagError, requiresExactly, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'quiet', short: 'q', kind: 'bool' },
  { long: 'all-tags', short: 'a', kind: 'bool' },
  { long: 'platform', kind: 'value' },
  { long: 'disable-content-trust', kind: 'bool' },
];

/** Whether the command runs on a terminal (a PTY session carries TERM; plain exec does not). */
export const onTerminal = (env: Readonly<Record<string, string | undefined>>): boolean => env['TERM'] !== undefined && env['TERM'] !== '' && env['TERM'] !== 'dumb';

export const pullCommand = async (ctx: DockerCtx, argv: readonly string[], commandPath = 'docker pull'): Promise<number> => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.pull, commandPath)}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  if (args.length !== 1) {
    io.error(`${requiresExactly(commandPath, 1, usages.pull)}\n`);
    return 1;
  }
  const ref = parseImageRef(args[0]!);
  if (!ref.ok) {
    io.error(`${ref.error}\n`);
    return 1;
  }
  const quiet = flags.bool('quiet');
  const result = await pullImage(ctx, args[0]!, quiet ? () => undefined : io.write, { tty: onTerminal(io.env), announceDefaultTag: !quiet });
  if (!result.ok) {
    if (result.interrupted) return 130;
    io.error(`${result.error}\n`);
    return 1;
  }
  io.write(`${fullyQualified(ref.ref)}\n`);
  return 0;
};
