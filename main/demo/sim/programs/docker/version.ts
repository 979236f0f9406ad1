/**
 * `docker version` (the GB10 capture's layout: Docker 28.5.1, API 1.51, linux/arm64, containerd
 * v1.7.28, runc 1.3.0), `--format` templates over the same data as `{{json .}}` shows it, and
 * `docker --version`. Without the daemon the Client part still prints and Server is null.
 */
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { GoTemplateError, asGoMap, renderTemplate } from './go-template.js';
import { apiVersion, flagError, permissionDenied, usages } from './texts.js';

/** Build facts of the 28.5.1 packages in the capture (git commits, Go version, build date). */
export const engineBuild = {
  clientCommit: 'e180ab8',
  serverCommit: 'f8215cc',
  goVersion: 'go1.24.8',
  built: 'Wed Oct  8 12:18:19 2025',
  buildTime: '2025-10-08T12:18:19.000000000+00:00',
  minApiVersion: '1.24',
  containerd: { version: 'v1.7.28', commit: 'b98a3aace656320842a23f4a392a33f46af97866' },
  runc: { version: '1.3.0', commit: 'v1.3.0-0-g4ca628d1' },
  dockerInit: { version: '0.19.0', commit: 'de40ad0' },
  platform: 'Docker Engine - Community',
} as const;

const specs: readonly FlagSpec[] = [{ long: 'format', short: 'f', kind: 'value' }];

export const versionData = (dockerVersion: string, kernel: string, withServer: boolean) => ({
  Client: {
    Platform: { Name: engineBuild.platform },
    Version: dockerVersion,
    ApiVersion: apiVersion,
    DefaultAPIVersion: apiVersion,
    GitCommit: engineBuild.clientCommit,
    GoVersion: engineBuild.goVersion,
    Os: 'linux',
    Arch: 'arm64',
    BuildTime: engineBuild.built,
    Context: 'default',
  },
  Server: withServer
    ? {
        Platform: { Name: engineBuild.platform },
        Components: [
          {
            Name: 'Engine',
            Version: dockerVersion,
            Details: asGoMap({
              ApiVersion: apiVersion,
              Arch: 'arm64',
              BuildTime: engineBuild.buildTime,
              Experimental: 'false',
              GitCommit: engineBuild.serverCommit,
              GoVersion: engineBuild.goVersion,
              KernelVersion: kernel,
              MinAPIVersion: engineBuild.minApiVersion,
              Os: 'linux',
            }),
          },
          { Name: 'containerd', Version: engineBuild.containerd.version, Details: asGoMap({ GitCommit: engineBuild.containerd.commit }) },
          { Name: 'runc', Version: engineBuild.runc.version, Details: asGoMap({ GitCommit: engineBuild.runc.commit }) },
          { Name: 'docker-init', Version: engineBuild.dockerInit.version, Details: asGoMap({ GitCommit: engineBuild.dockerInit.commit }) },
        ],
        Version: dockerVersion,
        ApiVersion: apiVersion,
        MinAPIVersion: engineBuild.minApiVersion,
        GitCommit: engineBuild.serverCommit,
        GoVersion: engineBuild.goVersion,
        Os: 'linux',
        Arch: 'arm64',
        KernelVersion: kernel,
        BuildTime: engineBuild.buildTime,
      }
    : null,
});

const row = (indent: string, label: string, value: string) => `${`${indent}${label}:`.padEnd(20)}${value}`;

const plainVersion = (dockerVersion: string, withServer: boolean): string => {
  const lines = [
    `Client: ${engineBuild.platform}`,
    row(' ', 'Version', dockerVersion),
    row(' ', 'API version', apiVersion),
    row(' ', 'Go version', engineBuild.goVersion),
    row(' ', 'Git commit', engineBuild.clientCommit),
    row(' ', 'Built', engineBuild.built),
    row(' ', 'OS/Arch', 'linux/arm64'),
    row(' ', 'Context', 'default'),
  ];
  if (withServer) {
    lines.push(
      '',
      `Server: ${engineBuild.platform}`,
      ' Engine:',
      row('  ', 'Version', dockerVersion),
      row('  ', 'API version', `${apiVersion} (minimum version ${engineBuild.minApiVersion})`),
      row('  ', 'Go version', engineBuild.goVersion),
      row('  ', 'Git commit', engineBuild.serverCommit),
      row('  ', 'Built', engineBuild.built),
      row('  ', 'OS/Arch', 'linux/arm64'),
      row('  ', 'Experimental', 'false'),
      ' containerd:',
      row('  ', 'Version', engineBuild.containerd.version),
      row('  ', 'GitCommit', engineBuild.containerd.commit),
      ' runc:',
      row('  ', 'Version', engineBuild.runc.version),
      row('  ', 'GitCommit', engineBuild.runc.commit),
      ' docker-init:',
      row('  ', 'Version', engineBuild.dockerInit.version),
      row('  ', 'GitCommit', engineBuild.dockerInit.commit),
    );
  }
  return `${lines.join('\n')}\n`;
};

export const versionCommand = (ctx: DockerCtx, argv: readonly string[]): number => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.version, 'docker version')}\n`);
    return 125;
  }
  const state = io.read();
  const daemonUp = state.faults['docker-permission'] !== true;
  const denied = () => {
    io.error(`${permissionDenied('Get', '/version')}\n`);
    return 1;
  };
  const format = parsed.flags.value('format');
  if (format === undefined || format === '') {
    io.write(plainVersion(state.box.dockerVersion, daemonUp));
    return daemonUp ? 0 : denied();
  }
  const template = format === 'json' ? '{{json .}}' : format;
  try {
    io.write(`${renderTemplate(template, versionData(state.box.dockerVersion, state.box.kernel, daemonUp))}\n`);
  } catch (error) {
    if (!(error instanceof GoTemplateError)) throw error;
    if (!daemonUp) return denied();
    io.error(`${error.message.replace(/^template: :/, 'template: version:')}\n`);
    return error.phase === 'parse' ? 64 : 1;
  }
  return daemonUp ? 0 : denied();
};

/** `docker --version` / `-v`. */
export const shortVersion = (dockerVersion: string): string => `Docker version ${dockerVersion}, build ${engineBuild.clientCommit}\n`;
