/**
 * Docker commands the app runs on the box, as exact command lines. Output that is parsed comes
 * as one JSON object per line (`--format '{{json .}}'`) or docker's own JSON, under `LC_ALL=C`;
 * the parsers are in ../parsers/docker-*.ts. Containers and images are checked against docker's
 * grammar first (docker-names.ts): a name starting with `-` would otherwise be read as an option.
 */
import { inCLocale, quote, type Raw } from '../quote.js';
import { checkContainerRef, checkImageReference, InvalidDockerArgument } from './docker-names.js';
import { type PgxKind, pgxLabelFilter } from './pgx-labels.js';

/** One JSON object per line: the form docker-ps.ts, docker-images.ts and docker-stats.ts read. */
export const jsonLinesFormat = '{{json .}}';

export const dockerLimits = {
  /** Log lines fetched when a log view opens: a server's whole start-up, not a week of requests. */
  defaultLogTail: 1000,
  /** Seconds `docker stop` waits after SIGTERM before SIGKILL (docker's own default is 10). */
  defaultStopSeconds: 10,
} as const;

export type CommandWord = string | number | Raw | undefined | false;

/**
 * The words of a command line, each quoted (flags are plain words and stay readable); Raw text
 * passes as written; undefined and false leave no gap.
 */
export const commandLine = (...words: readonly CommandWord[]): string =>
  words
    .filter((w): w is string | number | Raw => w !== undefined && w !== false)
    .map((w) => (typeof w === 'object' ? w.text : quote(w)))
    .join(' ');

const containers = (refs: readonly string[]): string[] => {
  if (refs.length === 0) throw new InvalidDockerArgument('No container given.');
  return refs.map(checkContainerRef);
};

const images = (refs: readonly string[]): string[] => {
  if (refs.length === 0) throw new InvalidDockerArgument('No image given.');
  return refs.map(checkImageReference);
};

const seconds = (value: number): number => {
  if (!Number.isInteger(value) || value < 0) throw new InvalidDockerArgument(`${value} is not a whole number of seconds.`);
  return value;
};

/**
 * Every container, stopped ones too, full IDs and commands. `ours` lists only containers with a
 * `pgx-companion.kind` label, a kind only those of that kind.
 */
export const listContainersCommand = (options: { readonly only?: 'ours' | PgxKind } = {}): string => {
  const filter = options.only === undefined ? undefined : pgxLabelFilter(options.only === 'ours' ? undefined : options.only);
  return inCLocale(commandLine('docker', 'ps', '-a', '--no-trunc', filter !== undefined && '--filter', filter, '--format', jsonLinesFormat));
};

export const listImagesCommand = (): string => inCLocale(commandLine('docker', 'images', '--format', jsonLinesFormat));

/** One snapshot of every running container's CPU, memory, network and block I/O. */
export const containerStatsCommand = (): string => inCLocale(commandLine('docker', 'stats', '--no-stream', '--no-trunc', '--format', jsonLinesFormat));

/** The JSON array docker-inspect.ts reads; exact labels, env and port bindings. */
export const inspectContainersCommand = (refs: readonly string[]): string => inCLocale(commandLine('docker', 'container', 'inspect', ...containers(refs)));

export const inspectImagesCommand = (refs: readonly string[]): string => inCLocale(commandLine('docker', 'image', 'inspect', ...images(refs)));

export interface LogOptions {
  /** Lines from the end, or 'all'. */
  readonly tail?: number | 'all';
  readonly follow?: boolean;
  /** RFC 3339 nano timestamps in front of each line (to merge stdout and stderr in order). */
  readonly timestamps?: boolean;
  /** Only lines after this: a Go duration (`10m`), RFC 3339 time or Unix seconds. */
  readonly since?: string;
}

const sincePattern = /^(\d+(\.\d+)?|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+|\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2}))$/;

/** The container's output; stdout and stderr stay on their own streams, as docker writes them. */
export const containerLogsCommand = (ref: string, options: LogOptions = {}): string => {
  const tail = options.tail ?? dockerLimits.defaultLogTail;
  if (tail !== 'all' && (!Number.isInteger(tail) || tail < 0)) throw new InvalidDockerArgument(`${tail} is not a number of lines.`);
  if (options.since !== undefined && !sincePattern.test(options.since)) throw new InvalidDockerArgument(`"${options.since}" is not a time docker logs --since reads.`);
  return inCLocale(
    commandLine('docker', 'logs', '--tail', tail, options.follow === true && '--follow', options.timestamps === true && '--timestamps', options.since !== undefined && '--since', options.since, checkContainerRef(ref)),
  );
};

export const startContainersCommand = (refs: readonly string[]): string => inCLocale(commandLine('docker', 'start', ...containers(refs)));

/**
 * SIGTERM, then SIGKILL after `timeoutSeconds` (engines need a few seconds to free memory).
 * `-t`: docker 28 documents it as --timeout and older clients as --time; the letter is both.
 */
export const stopContainersCommand = (refs: readonly string[], options: { readonly timeoutSeconds?: number } = {}): string =>
  inCLocale(commandLine('docker', 'stop', '-t', seconds(options.timeoutSeconds ?? dockerLimits.defaultStopSeconds), ...containers(refs)));

export const restartContainersCommand = (refs: readonly string[], options: { readonly timeoutSeconds?: number } = {}): string =>
  inCLocale(commandLine('docker', 'restart', '-t', seconds(options.timeoutSeconds ?? dockerLimits.defaultStopSeconds), ...containers(refs)));

/** `force` also removes a running container (SIGKILL); `volumes` its anonymous volumes. */
export const removeContainersCommand = (refs: readonly string[], options: { readonly force?: boolean; readonly volumes?: boolean } = {}): string =>
  inCLocale(commandLine('docker', 'rm', options.force === true && '--force', options.volumes === true && '--volumes', ...containers(refs)));

const platformPattern = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/**
 * Pulls an image (progress as docker-pull.ts reads it). `platform` (`linux/arm64`) makes docker
 * refuse an image that has no such build instead of pulling another architecture's.
 */
export const pullImageCommand = (image: string, options: { readonly platform?: string } = {}): string => {
  if (options.platform !== undefined && !platformPattern.test(options.platform)) throw new InvalidDockerArgument(`"${options.platform}" is not a platform like linux/arm64.`);
  return inCLocale(commandLine('docker', 'pull', options.platform !== undefined && '--platform', options.platform, checkImageReference(image)));
};

/** The architecture of an image already on the box: one word (`arm64`), or an error when absent. */
export const localImageArchitectureCommand = (image: string): string =>
  inCLocale(commandLine('docker', 'image', 'inspect', '--format', '{{.Architecture}}', checkImageReference(image)));

/**
 * What the registry offers for a reference, without pulling it: the platforms of each image
 * (docker-manifest.ts). Works for images the box does not have; needs the registry reachable.
 */
export const registryPlatformsCommand = (image: string): string => inCLocale(commandLine('docker', 'manifest', 'inspect', '--verbose', checkImageReference(image)));

/**
 * Before a run or a pull: the local image's architecture when the box has it (no network),
 * else what the registry offers. parseImagePlatforms reads either.
 */
export const imagePlatformsCommand = (image: string): string => `${localImageArchitectureCommand(image)} 2>/dev/null || ${registryPlatformsCommand(image)}`;

/** What "Open in terminal" runs in a PTY: bash when the image has it, else sh. */
export const containerShellScript = 'command -v bash >/dev/null && exec bash || exec sh';

export const execShellCommand = (ref: string): string => commandLine('docker', 'exec', '-it', checkContainerRef(ref), 'sh', '-c', containerShellScript);
