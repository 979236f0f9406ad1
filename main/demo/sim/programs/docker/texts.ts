/**
 * The exact texts docker 28.5.1 and its daemon print for the failures the simulator produces.
 * Sources: docker/cli v28.5.1 (cmd/docker, cli/required.go, container/run.go withHelp) and
 * moby v28.5.1 (client/request.go, daemon/errors.go, distribution/errors.go,
 * libnetwork/portallocator, daemon/create.go), cross-checked with README §3 of the captures.
 */

/** The API version a 28.5.1 client speaks (negotiation never happens when the socket is refused). */
export const apiVersion = '1.51';

const socketUrl = 'http://%2Fvar%2Frun%2Fdocker.sock';

/** Docker ≤ 28: the user is not in the docker group (README §3, first form, without "Got "). */
export const permissionDenied = (method: 'Get' | 'Post' | 'Delete', path: string): string =>
  `permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: ${method} "${socketUrl}/v${apiVersion}${path}": dial unix /var/run/docker.sock: connect: permission denied`;

export const fromDaemon = (message: string): string => `Error response from daemon: ${message}`;

/** `docker run`/`create` wrap every failure like this (withHelp, docker/cli ≥ 28). */
export const withHelp = (command: string, message: string): string => `docker: ${message}\n\nRun 'docker ${command} --help' for more information`;

export const noSuchContainer = (name: string): string => fromDaemon(`No such container: ${name}`);

export const noSuchImage = (ref: string): string => fromDaemon(`No such image: ${ref}`);

export const nameConflict = (name: string, id: string): string =>
  `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`;

export const portAllocated = (endpoint: string, endpointId: string, ip: string, port: number): string =>
  `driver failed programming external connectivity on endpoint ${endpoint} (${endpointId}): Bind for ${ip}:${port} failed: port is already allocated`;

/** No NVIDIA container runtime: `--gpus` finds no device driver (README §3). */
export const noGpuDriver = 'could not select device driver "" with capabilities: [[gpu]]';

export const unknownRuntime = (name: string): string => `unknown or invalid runtime name: ${name}`;

export const pullDenied = (familiarName: string): string =>
  `pull access denied for ${familiarName}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;

export const manifestUnknown = (familiarTagged: string): string => `manifest for ${familiarTagged} not found: manifest unknown: manifest unknown`;

/** A create-time warning the CLI prints as `WARNING: …` on stderr (daemon/create.go). */
export const platformMismatch =
  "The requested image's platform (linux/amd64) does not match the detected host platform (linux/arm64/v8) and no specific platform was requested";

/** The layer store runs out of room while a pull extracts (the disk-full fault). */
export const layerNoSpace = (layerId: string): string =>
  `failed to register layer: write /var/lib/docker/overlay2/${layerId}/diff/usr/local/lib/python3.12/dist-packages/torch/lib/libtorch_cuda.so: no space left on device`;

/** runc's message when the image's binary is for another CPU (README §3). */
export const execFormatError = (path: string): string => `exec ${path}: exec format error`;

/** The daemon writes this into the exec stream (stdout, CRLF) and the exec exits 127. */
export const execNotFound = (command: string): string =>
  `OCI runtime exec failed: exec failed: unable to start container process: exec: "${command}": executable file not found in $PATH: unknown`;

export const notRunning = (id: string): string => `container ${id} is not running`;

export const removeRunning = (name: string): string =>
  fromDaemon(`cannot remove container "${name}": container is running: stop the container before removing or force remove`);

export const killNotRunning = (name: string, id: string): string => fromDaemon(`cannot kill container: ${name}: ${notRunning(id)}`);

/** cobra/pflag errors: unknown flags exit 125, missing arguments exit 1. */
export const flagError = (error: string, usage: string, commandPath: string): string =>
  `${error}\n\nUsage:  ${usage}\n\nRun '${commandPath} --help' for more information`;

export const requiresAtLeast = (commandPath: string, count: number, usage: string): string =>
  `docker: '${commandPath}' requires at least ${count} argument${count === 1 ? '' : 's'}\n\nUsage:  ${usage}\n\nSee '${commandPath} --help' for more information`;

export const requiresExactly = (commandPath: string, count: number, usage: string): string =>
  `docker: '${commandPath}' requires ${count} argument${count === 1 ? '' : 's'}\n\nUsage:  ${usage}\n\nRun '${commandPath} --help' for more information`;

export const unknownCommand = (name: string): string => `docker: unknown command: docker ${name}\n\nRun 'docker --help' for more information`;

export const usages = {
  run: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  create: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  ps: 'docker ps [OPTIONS]',
  images: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
  logs: 'docker logs [OPTIONS] CONTAINER',
  start: 'docker start [OPTIONS] CONTAINER [CONTAINER...]',
  stop: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]',
  restart: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]',
  kill: 'docker kill [OPTIONS] CONTAINER [CONTAINER...]',
  rm: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
  rmi: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
  inspect: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  imageInspect: 'docker image inspect [OPTIONS] IMAGE [IMAGE...]',
  containerInspect: 'docker container inspect [OPTIONS] CONTAINER [CONTAINER...]',
  pull: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
  exec: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  stats: 'docker stats [OPTIONS] [CONTAINER...]',
  login: 'docker login [OPTIONS] [SERVER]',
  version: 'docker version [OPTIONS]',
  info: 'docker info [OPTIONS]',
} as const;
