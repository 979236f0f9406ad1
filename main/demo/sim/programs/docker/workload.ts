/**
 * What a container runs, recognised from its image and its process arguments: the program
 * behind wrapper entrypoints (NGC's nvidia_entrypoint.sh, tini, `bash -c "…"`), and which
 * engine or app that program is.
 */
import type { WorkloadKind } from '../../state.js';
import { parseImageRef, familiarName } from './image-ref.js';
import { scriptCommands } from './shell-words.js';

const base = (word: string | undefined): string => (word ?? '').split('/').pop() ?? '';

/** Entrypoints that only set things up and then exec their arguments. */
const isWrapper = (word: string): boolean =>
  ['nvidia_entrypoint.sh', 'docker-entrypoint.sh', 'entrypoint.sh', 'start.sh', 'env'].includes(base(word)) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);

const shells = new Set(['sh', 'bash', 'dash', 'zsh']);

/** Markers of each program, tested on one simple command's words. */
const commandKind = (words: readonly string[]): WorkloadKind | undefined => {
  const [head = '', second] = words;
  const name = base(head);
  const moduleName = name.startsWith('python') ? words[words.indexOf('-m') + 1] : undefined;
  if ((name === 'vllm' && second === 'serve') || moduleName?.startsWith('vllm.entrypoints')) return 'vllm';
  if (name === 'trtllm-serve' || words.some((w) => base(w) === 'trtllm-serve')) return 'trtllm';
  if (moduleName === 'sglang.launch_server' || (name === 'sglang' && second === 'serve')) return 'sglang';
  if (name === 'llama-server') return 'llama-server';
  if (name === 'ollama' && second === 'serve') return 'ollama';
  if ((name === 'jupyter' && ['lab', 'notebook', 'server'].includes(second ?? '')) || ['jupyter-lab', 'jupyter-notebook', 'start-notebook.py', 'start-notebook.sh'].includes(name)) return 'jupyter';
  if (name === 'open-webui' || (name === 'bash' && second === 'start.sh')) return 'open-webui';
  if (name === 'llamafactory-cli' || name === 'lmf') return 'llamafactory';
  return undefined;
};

/**
 * The simple commands the process runs: its argv without wrapper entrypoints, or the commands
 * of a `sh -c` script. The last one is the long-running program in every launcher we know.
 */
export const processCommands = (argv: readonly string[]): string[][] => {
  let words = [...argv];
  for (;;) {
    const head = words[0];
    if (head === undefined) return [];
    if (base(head) === 'tini') {
      const dashes = words.indexOf('--');
      words = dashes >= 0 ? words.slice(dashes + 1) : words.slice(1).filter((w) => !w.startsWith('-'));
      continue;
    }
    if (isWrapper(head)) {
      words = words.slice(1);
      continue;
    }
    break;
  }
  if (shells.has(base(words[0])) && words.includes('-c')) {
    const script = words[words.indexOf('-c') + 1] ?? '';
    return scriptCommands(script);
  }
  return [words];
};

/** The command of the process that matters: the engine's if one is there, else the last. */
export const mainCommand = (argv: readonly string[]): string[] => {
  const commands = processCommands(argv);
  return commands.find((c) => commandKind(c) !== undefined) ?? commands.at(-1) ?? [];
};

const imageKind = (image: string): WorkloadKind => {
  const parsed = parseImageRef(image);
  const name = parsed.ok ? familiarName(parsed.ref) : image;
  const tag = parsed.ok ? (parsed.ref.tag ?? 'latest') : '';
  if (name === 'vllm/vllm-openai' || name === 'nvcr.io/nvidia/vllm') return 'vllm';
  if (name === 'nvcr.io/nvidia/tensorrt-llm/release') return 'trtllm';
  if (name === 'lmsysorg/sglang') return 'sglang';
  if (name === 'ollama/ollama') return 'ollama';
  if (name === 'ghcr.io/ggml-org/llama.cpp' && tag.startsWith('server')) return 'llama-server';
  if (name === 'ghcr.io/open-webui/open-webui') return 'open-webui';
  if (name.includes('llamafactory')) return 'llamafactory';
  if (name.includes('jupyter')) return 'jupyter';
  if (name === 'nvcr.io/nvidia/pytorch') return 'pytorch';
  return 'generic';
};

/**
 * The workload of a container from its image and its process arguments (entrypoint + command,
 * or just the command). An explicit engine command wins over the image it runs in.
 */
export const workloadOf = (image: string, command: readonly string[]): WorkloadKind => {
  const commands = processCommands(command);
  for (const words of commands) {
    const kind = commandKind(words);
    if (kind) return kind;
  }
  return imageKind(image);
};

/** Whether the process is the kind's server (an NGC vLLM image running `bash` is not). */
export const runsServer = (kind: WorkloadKind, argv: readonly string[]): boolean => {
  const main = mainCommand(argv);
  const byCommand = commandKind(main);
  if (byCommand === kind) return !(kind === 'llamafactory' && !['webui', 'api'].includes(main[1] ?? ''));
  // Images whose own entrypoint is the server (ollama, llama.cpp server, open-webui, jupyter).
  return (kind === 'llama-server' && base(argv[0]) === 'llama-server') || (kind === 'ollama' && base(argv[0]) === 'ollama' && argv.includes('serve'));
};
