/**
 * `docker login [-u USER] [-p PASS | --password-stdin] [SERVER]`. NGC (nvcr.io) takes the
 * literal user `$oauthtoken` and an API key; credentials land in ~/.docker/config.json (base64
 * `user:password`, as the file store keeps them) with the CLI's "stored unencrypted" warning.
 */
import { Buffer } from 'node:buffer';
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { flagError, fromDaemon, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'username', short: 'u', kind: 'value' },
  { long: 'password', short: 'p', kind: 'value' },
  { long: 'password-stdin', kind: 'bool' },
];

const dockerHub = 'https://index.docker.io/v1/';

export const loginCommand = async (ctx: DockerCtx, argv: readonly string[]): Promise<number> => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.login, 'docker login')}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  const server = args[0] ?? dockerHub;
  const user = flags.value('username') ?? '';
  let password = flags.value('password') ?? '';
  if (flags.bool('password-stdin')) {
    if (flags.value('password') !== undefined) {
      io.error('--password and --password-stdin are mutually exclusive\n');
      return 1;
    }
    if (user === '') {
      io.error('username is empty\n');
      return 1;
    }
    password = (await io.stdin()).replace(/\n$/, '').replace(/\r$/, '');
  } else if (flags.value('password') !== undefined) {
    io.error('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  }
  if (user === '' || password === '') {
    io.error('Error: Cannot perform an interactive login from a non TTY device\n');
    return 1;
  }
  const host = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  // NGC accepts API keys only for the user `$oauthtoken`; anything else is a 401.
  if (host === 'nvcr.io' && user !== '$oauthtoken') {
    io.error(`${fromDaemon(`Get "https://nvcr.io/v2/": unauthorized: authentication required`)}\n`);
    return 1;
  }

  const file = io.fs.resolve('~/.docker/config.json');
  let config: { auths?: Record<string, { auth: string }> } & Record<string, unknown> = {};
  if (io.fs.exists(file)) {
    try {
      config = JSON.parse(io.fs.readText(file)) as typeof config;
    } catch {
      config = {};
    }
  }
  config.auths = { ...(config.auths ?? {}), [server === dockerHub ? dockerHub : host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } };
  io.fs.writeText(file, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
  io.error(`\nWARNING! Your credentials are stored unencrypted in '${file}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
  io.write('Login Succeeded\n');
  return 0;
};
