/**
 * Where LLaMA Factory is on the box: one read-only command probing the launcher on PATH, the
 * usual venvs and checkouts, and the Docker images and containers that can host it; a pure reading
 * into a FinetuneEnvironment with the exact install commands (a host venv in a checkout, or the
 * NGC PyTorch container the review uses: arm64, `--gpus all --ipc=host`).
 */
import type { FinetuneEnvironment } from '../../domain/finetune.js';
import { quote } from '../../remote/quote.js';
import { splitProbes } from '../environment-check.js';

/** Checkouts looked for under $HOME, in order (the first with a data folder is the workspace). */
export const checkoutNames = ['LLaMA-Factory', 'llama-factory', 'LlamaFactory', 'LLaMA-Factory-main'] as const;
/** venvs looked for, relative to $HOME. */
export const venvNames = ['LLaMA-Factory/.venv', 'LLaMA-Factory/venv', '.venvs/llamafactory', 'llamafactory-venv'] as const;
/** The app's own workspace when there is no checkout. */
export const ownWorkspace = 'pgx-finetune';
/** The NGC PyTorch image for arm64 + CUDA 13 (the review pulls 25.08; any recent tag works). */
export const ngcPytorchImage = 'nvcr.io/nvidia/pytorch:25.08-py3';
export const lmfContainerName = 'pgx-llamafactory';

const probes: ReadonlyArray<readonly [string, string]> = [
  ['home', 'echo "$HOME"'],
  ['cli', 'command -v llamafactory-cli'],
  ['version', 'llamafactory-cli version'],
  ['venvs', `ls -d ${venvNames.map((v) => `"$HOME"/${v}/bin/llamafactory-cli`).join(' ')}`],
  ['checkouts', `ls -d ${checkoutNames.map((c) => `"$HOME"/${c}/data`).join(' ')} "$HOME"/${ownWorkspace}/data`],
  ['infos', `ls ${checkoutNames.map((c) => `"$HOME"/${c}/data/dataset_info.json`).join(' ')} "$HOME"/${ownWorkspace}/data/dataset_info.json`],
  ['images', `docker images --format '{{.Repository}}:{{.Tag}}'`],
  ['containers', `docker ps --format '{{.Names}} {{.Image}}'`],
];

export const finetuneEnvironmentCommand = (): string =>
  `LC_ALL=C sh -c ${quote(probes.map(([id, cmd]) => `echo "@@probe ${id}"; ${cmd} 2>/dev/null; echo "@@rc $?"`).join('; '))}`;

const lines = (text: string | undefined): string[] => (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');

export const installCommands = (home: string): FinetuneEnvironment['install'] => ({
  host: [
    `git clone --depth 1 https://github.com/hiyouga/LLaMA-Factory.git ${home}/LLaMA-Factory`,
    `cd ${home}/LLaMA-Factory && python3 -m venv .venv && . .venv/bin/activate`,
    'pip install -U pip && pip install torch torchvision --index-url https://download.pytorch.org/whl/cu130',
    'pip install -e ".[metrics]"',
    'llamafactory-cli version',
  ],
  container: [
    `docker run -d --name ${lmfContainerName} --gpus all --ipc=host --ulimit memlock=-1 --ulimit stack=67108864 -p 7860:7860 -v ${home}:/workspace -w /workspace ${ngcPytorchImage} sleep infinity`,
    `docker exec ${lmfContainerName} bash -lc 'git clone --depth 1 https://github.com/hiyouga/LLaMA-Factory.git /workspace/LLaMA-Factory && cd /workspace/LLaMA-Factory && pip install -e ".[metrics]"'`,
    `docker exec ${lmfContainerName} llamafactory-cli version`,
  ],
});

export const parseFinetuneEnvironment = (output: string): FinetuneEnvironment => {
  const p = splitProbes(output);
  const home = lines(p['home']?.output)[0] ?? '~';
  const onPath = p['cli']?.rc === 0 ? (lines(p['cli'].output)[0] ?? null) : null;
  const venvCli = lines(p['venvs']?.output).find((l) => l.startsWith('/')) ?? null;
  const version = /version\s+(\d[\w.+-]*)/.exec(p['version']?.output ?? '')?.[1] ?? null;
  const dataDirs = lines(p['checkouts']?.output).filter((l) => l.startsWith('/'));
  const infos = new Set(lines(p['infos']?.output));
  const images = lines(p['images']?.output).filter((i) => /nvcr\.io\/nvidia\/pytorch:|llamafactory/i.test(i));
  const container = lines(p['containers']?.output).map((l) => l.split(' ')).find(([name, image]) => /llamafactory/i.test(`${name ?? ''} ${image ?? ''}`))?.[0] ?? null;
  // A checkout's data folder wins over the app's own; the app's own is used (and created) otherwise.
  const dataDir = dataDirs.find((d) => !d.endsWith(`/${ownWorkspace}/data`)) ?? dataDirs[0] ?? `${home}/${ownWorkspace}/data`;
  const workspace = dataDir.replace(/\/data$/, '');
  const kind = onPath !== null || venvCli !== null ? 'host' : container !== null ? 'container' : 'missing';
  const notes: string[] = [];
  if (kind === 'host' && version === null && venvCli === null) notes.push('llamafactory-cli is there but `llamafactory-cli version` did not answer: its Python environment may be broken.');
  if (kind === 'container') notes.push(`LLaMA Factory runs in the container ${container}; runs from this app start on the box itself, so install it there too (or run the commands in that container).`);
  return {
    kind,
    cliPath: onPath ?? venvCli,
    venv: onPath === null && venvCli !== null ? venvCli.replace(/\/bin\/llamafactory-cli$/, '') : null,
    version,
    container,
    workspace,
    dataDir,
    datasetInfoExists: infos.has(`${dataDir}/dataset_info.json`),
    images,
    install: installCommands(home),
    notes,
  };
};
