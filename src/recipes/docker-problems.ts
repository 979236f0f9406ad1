/**
 * What a user reads when docker fails: each problem classifyDockerError recognises becomes the
 * app's error code, one sentence of what went wrong, a hint of what to do, and the command that
 * fixes it (shown, and typed into a terminal by "Open in terminal"; never run behind the user's
 * back — most need their sudo password).
 */
import { type AppError, appError, type ErrorCode } from '../contract/errors.js';
import { classifyDockerError, type DockerProblem } from '../remote/parsers/docker-errors.js';
import { commandLine } from '../remote/commands/docker.js';
import { isContainerRef } from '../remote/commands/docker-names.js';
import { quote } from '../remote/quote.js';
import { arm64ExampleImage } from './container-run.js';

export interface DockerProblemAdvice {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  /** The command that fixes it (or shows what to fix); null when there is none to run. */
  readonly fixCommand: string | null;
}

/** The fixes, as the environment check gives them too. */
export const dockerFixCommands = {
  installDocker: 'sudo apt-get install -y docker.io && sudo systemctl enable --now docker',
  /** Group membership is read at login: the app's SSH connection has to be a new one. */
  joinDockerGroup: 'sudo usermod -aG docker "$USER"',
  startDocker: 'sudo systemctl start docker',
  /** NVIDIA Container Toolkit: install (a no-op on DGX OS, which ships it), register with docker, restart. */
  nvidiaRuntime: 'sudo apt-get install -y nvidia-container-toolkit && sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker',
  /** Asks before deleting; removes only images no container uses. */
  freeImageSpace: 'docker image prune -a',
  loginNgc: 'docker login nvcr.io',
} as const;

const archHint = `Use an image built for Arm64: NVIDIA's NGC images (nvcr.io/nvidia/…, such as ${arm64ExampleImage}) or a multi-arch tag that lists linux/arm64.`;

/** Who holds a TCP port on the box (needs sudo to name other users' processes). */
const portHolderCommand = (port: number): string => `sudo ss -ltnp ${quote(`sport = :${port}`)}`;

const imageNotFound = (problem: Extract<DockerProblem, { kind: 'image-not-found' }>): DockerProblemAdvice => {
  const image = problem.image === null ? 'The image' : `The image ${problem.image}`;
  const ngc = problem.image?.startsWith('nvcr.io/') === true;
  switch (problem.reason) {
    case 'no-matching-manifest':
      return { code: 'image-arch-mismatch', message: `${image} has no build for the box's CPU (Arm64).`, hint: archHint, fixCommand: null };
    case 'manifest-unknown':
      return { code: 'image-not-found', message: `${image} does not exist: the registry has no such tag.`, hint: 'Check the tag on the registry page (NGC tags look like 25.09-py3).', fixCommand: null };
    case 'pull-access-denied':
    case 'repository-not-found':
      return ngc
        ? { code: 'image-not-found', message: `${image} could not be pulled: NGC wants you logged in for it, or it does not exist.`, hint: 'Log in with the user name $oauthtoken and your NGC API key as the password, then try again.', fixCommand: dockerFixCommands.loginNgc }
        : { code: 'image-not-found', message: `${image} could not be pulled: the repository does not exist or needs a login.`, hint: 'Check the name for typos; for a private image, run docker login for its registry first.', fixCommand: null };
    case 'no-such-image':
      return { code: 'image-not-found', message: `${image} is not on the box.`, hint: 'Pull it first.', fixCommand: null };
  }
};

/** The advice for one problem; every kind has its own (the switch is exhaustive). */
export const adviseDockerProblem = (problem: DockerProblem): DockerProblemAdvice => {
  switch (problem.kind) {
    case 'docker-missing':
      return { code: 'docker-missing', message: 'Docker is not installed on the box.', hint: 'Install it, then reconnect.', fixCommand: dockerFixCommands.installDocker };
    case 'permission-denied':
      return {
        code: 'docker-permission',
        message: 'Your user may not use docker on the box (docker needs sudo).',
        hint: 'Add yourself to the docker group, then disconnect and reconnect the box: group changes apply to new logins only.',
        fixCommand: dockerFixCommands.joinDockerGroup,
      };
    case 'daemon-not-running':
      return { code: 'remote-command-failed', message: 'The docker service is not running on the box.', hint: 'Start it (and see `journalctl -u docker` if it will not stay up).', fixCommand: dockerFixCommands.startDocker };
    case 'nvidia-runtime-missing':
      return {
        code: 'nvidia-runtime-missing',
        message: 'Docker cannot give containers the GPU: the NVIDIA container runtime is not set up.',
        hint: 'Install and register the NVIDIA Container Toolkit, which restarts docker (running containers stop).',
        fixCommand: dockerFixCommands.nvidiaRuntime,
      };
    case 'name-conflict': {
      const name = problem.name !== null && isContainerRef(problem.name) ? problem.name : null;
      return {
        code: 'conflict',
        message: problem.name === null ? 'A container with that name already exists on the box.' : `A container named ${problem.name} already exists on the box.`,
        hint: name === null ? 'Pick another name.' : `Pick another name, or remove the old container (its own data goes with it; mounted folders stay).`,
        fixCommand: name === null ? null : commandLine('docker', 'rm', '--force', name),
      };
    }
    case 'port-in-use':
      return {
        code: 'port-in-use',
        message: `Port ${problem.port ?? '?'} on the box is already taken by another program or container.`,
        hint: 'Choose another box port, or stop what holds this one (the command shows who).',
        fixCommand: problem.port === null ? null : portHolderCommand(problem.port),
      };
    case 'image-not-found':
      return imageNotFound(problem);
    case 'no-space':
      return {
        code: 'disk-full',
        message: 'The box has run out of disk space.',
        hint: 'Remove images no container uses (docker asks before deleting), or free space under ~/.cache/huggingface.',
        fixCommand: dockerFixCommands.freeImageSpace,
      };
    case 'exec-format-error':
      return { code: 'image-arch-mismatch', message: "The image is built for another CPU (amd64), and the box's is Arm64: its program cannot start.", hint: archHint, fixCommand: null };
    case 'platform-mismatch':
      return {
        code: 'image-arch-mismatch',
        message: `The image is built for ${problem.imagePlatform ?? 'another platform'}, and the box is ${problem.hostPlatform ?? 'linux/arm64'}.`,
        hint: archHint,
        fixCommand: null,
      };
    case 'no-such-container':
      return { code: 'not-found', message: problem.name === null ? 'The container is no longer on the box.' : `The container ${problem.name} is no longer on the box.`, hint: 'It was removed; refresh the list.', fixCommand: null };
  }
};

/**
 * An AppError from docker's stderr: the advice for the problem found in it (the fix command
 * in the hint, docker's own line in the details), or null when stderr names no known problem.
 */
export const dockerAppError = (stderr: string): AppError | null => {
  const problem = classifyDockerError(stderr);
  if (!problem) return null;
  const advice = adviseDockerProblem(problem);
  const hint = advice.fixCommand === null ? advice.hint : `${advice.hint} Run: ${advice.fixCommand}`;
  return appError(advice.code, advice.message, hint, [problem.line]);
};
