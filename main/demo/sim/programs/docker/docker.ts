/**
 * The `docker` program: global flags, the management-command aliases (`container ls`,
 * `image inspect` …), and the docker-permission fault, which every command that reaches the
 * daemon answers with the Docker 28 socket error for the API call it would have made.
 */
import type { Program, SimIO } from '../../io.js';
import type { DockerCtx } from './context.js';
import { execCommand } from './exec.js';
import { imagesCommand, rmiCommand } from './images.js';
import { infoCommand } from './info.js';
import { inspectCommand } from './inspect.js';
import { lifecycleCommand } from './lifecycle-commands.js';
import { loginCommand } from './login.js';
import { manifestCommand } from './manifest.js';
import { logsCommand } from './logs.js';
import { psCommand } from './ps.js';
import { pullCommand } from './pull-command.js';
import { runCommand } from './run.js';
import { statsCommand } from './stats.js';
import { fullyQualified, parseImageRef } from './image-ref.js';
import { permissionDenied, unknownCommand, withHelp } from './texts.js';
import { shortVersion, versionCommand } from './version.js';

type Handler = (ctx: DockerCtx, argv: readonly string[], path: string) => number | Promise<number>;

const handlers: Readonly<Record<string, Handler>> = {
  ps: (ctx, argv, path) => psCommand(ctx, argv, path),
  images: (ctx, argv, path) => imagesCommand(ctx, argv, path),
  run: (ctx, argv) => runCommand(ctx, argv, 'run'),
  create: (ctx, argv) => runCommand(ctx, argv, 'create'),
  start: (ctx, argv, path) => lifecycleCommand(ctx, 'start', argv, path),
  stop: (ctx, argv, path) => lifecycleCommand(ctx, 'stop', argv, path),
  restart: (ctx, argv, path) => lifecycleCommand(ctx, 'restart', argv, path),
  kill: (ctx, argv, path) => lifecycleCommand(ctx, 'kill', argv, path),
  rm: (ctx, argv, path) => lifecycleCommand(ctx, 'rm', argv, path),
  rmi: (ctx, argv, path) => rmiCommand(ctx, argv, path),
  logs: (ctx, argv, path) => logsCommand(ctx, argv, path),
  inspect: (ctx, argv, path) => inspectCommand(ctx, argv, 'any', path),
  'container-inspect': (ctx, argv, path) => inspectCommand(ctx, argv, 'container', path),
  'image-inspect': (ctx, argv, path) => inspectCommand(ctx, argv, 'image', path),
  pull: (ctx, argv, path) => pullCommand(ctx, argv, path),
  exec: (ctx, argv, path) => execCommand(ctx, argv, path),
  stats: (ctx, argv, path) => statsCommand(ctx, argv, path),
  login: (ctx, argv) => loginCommand(ctx, argv),
  version: (ctx, argv) => versionCommand(ctx, argv),
  info: (ctx, argv) => infoCommand(ctx, argv),
  manifest: (ctx, argv) => manifestCommand(ctx, argv),
};

/** `docker container …` / `docker image …` / `docker system …` to the handler they alias. */
const managementAliases: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  container: { ls: 'ps', list: 'ps', ps: 'ps', run: 'run', create: 'create', start: 'start', stop: 'stop', restart: 'restart', kill: 'kill', rm: 'rm', remove: 'rm', logs: 'logs', inspect: 'container-inspect', exec: 'exec', stats: 'stats' },
  image: { ls: 'images', list: 'images', pull: 'pull', inspect: 'image-inspect', rm: 'rmi', remove: 'rmi' },
  system: { info: 'info' },
};

/** Global options that take a value (skipped: the simulated client has one daemon). */
const globalWithValue = new Set(['-H', '--host', '-c', '--context', '-l', '--log-level', '--config']);

const usage = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  exec        Execute a command in a running container
  ps          List containers
  images      List images
  pull        Download an image from a registry
  login       Authenticate to a registry
  version     Show the Docker version information
  info        Display system-wide information

Management Commands:
  container   Manage containers
  image       Manage images
  system      Manage Docker

Run 'docker COMMAND --help' for more information on a command.
`;

/** The API call each command makes first, for the permission-denied text. */
const apiCall = (handler: string, args: readonly string[]): ['Get' | 'Post' | 'Delete', string] => {
  const target = args.find((a) => !a.startsWith('-')) ?? '';
  switch (handler) {
    case 'ps':
      return ['Get', args.includes('-a') || args.includes('--all') ? '/containers/json?all=1' : '/containers/json'];
    case 'images':
      return ['Get', '/images/json'];
    case 'run':
    case 'create':
      return ['Post', '/containers/create'];
    case 'start':
    case 'stop':
    case 'restart':
    case 'kill':
      return ['Post', `/containers/${target}/${handler}`];
    case 'rm':
      return ['Delete', `/containers/${target}`];
    case 'rmi':
      return ['Delete', `/images/${target}`];
    case 'image-inspect':
      return ['Get', `/images/${target}/json`];
    case 'pull': {
      const ref = parseImageRef(target);
      if (!ref.ok) return ['Post', '/images/create'];
      const [name = '', tag = 'latest'] = fullyQualified(ref.ref).split(/:(?=[^:/]+$)/);
      return ['Post', `/images/create?fromImage=${encodeURIComponent(name)}&tag=${encodeURIComponent(tag)}`];
    }
    case 'stats':
      return ['Get', '/containers/json'];
    case 'login':
      return ['Post', '/auth'];
    default:
      return ['Get', `/containers/${target}/json`];
  }
};

const denied = (io: SimIO, handler: string, args: readonly string[]): number => {
  const [method, path] = apiCall(handler, args);
  const text = permissionDenied(method, path);
  if (handler === 'run') {
    // toStatusError: "permission denied" is EACCES, so `docker run` exits 126.
    io.error(`${withHelp('run', text)}\n`);
    return 126;
  }
  if (handler === 'start') {
    // start reports each container at once, then the summary line.
    const names = args.filter((a) => !a.startsWith('-'));
    for (const name of names) io.error(`${permissionDenied('Post', `/containers/${name}/start`)}\n`);
    io.error(`Error: failed to start containers: ${names.join(', ')}\n`);
    return 1;
  }
  io.error(`${text}\n`);
  return 1;
};

export const makeDockerProgram =
  (options: { programs?: () => Readonly<Record<string, Program>> } = {}): Program =>
  async (io) => {
    const ctx: DockerCtx = { io, programs: options.programs?.() ?? {} };
    let i = 0;
    const argv = io.argv;
    while (i < argv.length && argv[i]!.startsWith('-')) {
      const flag = argv[i]!;
      if (flag === '-v' || flag === '--version') {
        io.write(shortVersion(io.read().box.dockerVersion));
        return 0;
      }
      if (flag === '-h' || flag === '--help') {
        io.write(usage);
        return 0;
      }
      i += globalWithValue.has(flag) ? 2 : 1;
    }
    const command = argv[i];
    if (command === undefined) {
      io.write(usage);
      return 0;
    }
    let rest = argv.slice(i + 1);
    let name: string | undefined = command;
    let path = `docker ${command}`;
    const management = managementAliases[command];
    if (management) {
      const sub = rest[0];
      name = sub === undefined ? undefined : management[sub];
      if (name === undefined) {
        io.error(sub === undefined ? `\nUsage:  docker ${command} COMMAND\n\nRun 'docker ${command} COMMAND --help' for more information on a command.\n` : `docker: unknown command: docker ${command} ${sub}\n\nRun 'docker ${command} --help' for more information\n`);
        return sub === undefined ? 0 : 1;
      }
      path = `docker ${command} ${sub}`;
      rest = rest.slice(1);
    }
    const handler = name === undefined ? undefined : handlers[name];
    if (!handler || name === undefined) {
      io.error(`${unknownCommand(command)}\n`);
      return 1;
    }
    // version, info and manifest (a registry call) answer without the daemon's socket.
    if (io.read().faults['docker-permission'] === true && name !== 'version' && name !== 'info' && name !== 'manifest') return denied(io, name, rest);
    return handler(ctx, rest, path);
  };
