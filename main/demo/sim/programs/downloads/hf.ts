/**
 * The Hugging Face CLIs: `hf` (huggingface_hub 1.x) and the deprecated `huggingface-cli`
 * (0.3x, still on many boxes). Subcommands: download (hf-download.ts), version, and
 * `auth login --token` / `login --token` so gated downloads can use a saved token.
 */
import type { Program, SimIO } from '../../io.js';
import { lastValue, parseArgs } from './args.js';
import type { HfFlavour } from './hf-errors.js';
import { hfDownload } from './hf-download.js';
import { hfHome } from './hf-layout.js';

/** Versions the simulated box has installed (hf 1.x; the last huggingface-cli release line). */
export const hfVersions = { hf: '1.1.4', 'huggingface-cli': '0.36.0' } as const;

const login = (io: SimIO, argv: readonly string[], flavour: HfFlavour): number => {
  if (flavour === 'huggingface-cli') io.error("⚠️  Warning: 'huggingface-cli login' is deprecated. Use 'hf auth login' instead.\n");
  const args = parseArgs(argv, ['--token'], ['--add-to-git-credential']);
  const token = lastValue(args, '--token');
  if (token === undefined) {
    // Interactive prompts need a terminal; the app always passes --token.
    io.error('Error: No token provided. Use `--token` when not running in a terminal.\n');
    return 1;
  }
  const home = hfHome(io);
  io.fs.writeText(`${home}/token`, token);
  io.fs.writeText(`${home}/stored_tokens`, `[pgx]\nhf_token = ${token}\n\n`);
  io.write(`The token \`pgx\` has been saved to ${home}/stored_tokens\nYour token has been saved to ${home}/token\nLogin successful.\nThe current active token is: \`pgx\`\n`);
  return 0;
};

const usage = (flavour: HfFlavour): string =>
  flavour === 'hf'
    ? 'Usage: hf [OPTIONS] COMMAND [ARGS]...\n\n  Hugging Face Hub CLI\n\nCommands:\n  auth      Manage authentication (login, logout, etc.).\n  download  Download files from the Hub.\n  version   Print information about the hf version.\n'
    : 'usage: huggingface-cli <command> [<args>]\n\npositional arguments:\n  {download,login,version}\n';

export const hfProgram =
  (flavour: HfFlavour): Program =>
  async (io) => {
    const [command, ...rest] = io.argv;
    if (command === 'download') return hfDownload(io, rest, flavour);
    if (command === 'version' || command === '--version' || command === '-v') {
      io.write(command === 'version' ? `huggingface_hub version: ${hfVersions[flavour]}\n` : `${hfVersions[flavour]}\n`);
      return 0;
    }
    if (flavour === 'hf' && command === 'auth' && rest[0] === 'login') return login(io, rest.slice(1), flavour);
    if (flavour === 'huggingface-cli' && command === 'login') return login(io, rest, flavour);
    if (command === undefined || command === '-h' || command === '--help') {
      io.write(usage(flavour));
      return 0;
    }
    if (flavour === 'hf') {
      io.error(`Usage: hf [OPTIONS] COMMAND [ARGS]...\nTry 'hf -h' for help.\n\nError: No such command '${command}'.\n`);
    } else {
      io.error(`usage: huggingface-cli <command> [<args>]\nhuggingface-cli: error: argument {download,login,version}: invalid choice: '${command}'\n`);
    }
    return 2;
  };
