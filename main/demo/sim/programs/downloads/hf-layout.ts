/**
 * Where huggingface_hub puts files. The cache (`~/.cache/huggingface/hub/models--ORG--NAME/`)
 * holds content-addressed blobs, `snapshots/<commit>/<file>` symlinks to them (relative, so
 * the tree can move), and `refs/main` naming the commit; partial downloads are
 * `blobs/<hash>.incomplete`. A `--local-dir` download puts real files in the folder and keeps
 * its bookkeeping under `<dir>/.cache/huggingface/download/`.
 */
import { existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { blobName, type CatalogueModel } from '../../catalogue.js';
import type { SimIO } from '../../io.js';
import type { PlannedFile } from './repo-files.js';
import type { TransferTarget } from './transfer.js';

export const hfHome = (io: SimIO): string => io.fs.resolve(io.env['HF_HOME'] ?? '~/.cache/huggingface', io.cwd);

export const hfCacheRoot = (io: SimIO, cacheDir: string | undefined): string =>
  cacheDir !== undefined
    ? io.fs.resolve(cacheDir, io.cwd)
    : io.env['HF_HUB_CACHE'] !== undefined
      ? io.fs.resolve(io.env['HF_HUB_CACHE'], io.cwd)
      : `${hfHome(io)}/hub`;

export const hfRepoFolder = (cacheRoot: string, repoId: string): string => `${cacheRoot}/models--${repoId.replace(/\//g, '--')}`;

/** The token huggingface_hub would send: --token, then HF_TOKEN, then the one `hf auth login` saved. */
export const resolveToken = (io: SimIO, explicit: string | undefined): string | undefined => {
  if (explicit !== undefined && explicit !== '') return explicit;
  const fromEnv = io.env['HF_TOKEN'] ?? io.env['HUGGING_FACE_HUB_TOKEN'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const file = `${hfHome(io)}/token`;
  if (!io.fs.exists(file)) return undefined;
  const saved = io.fs.readText(file).trim();
  return saved === '' ? undefined : saved;
};

const link = (io: SimIO, linkBoxPath: string, target: string): void => {
  const host = io.fs.hostPath(linkBoxPath);
  mkdirSync(dirname(host), { recursive: true });
  try {
    if (lstatSync(host).isSymbolicLink()) unlinkSync(host);
  } catch {
    // Not there yet.
  }
  symlinkSync(target, host);
};

export const cacheTargets = (io: SimIO, model: CatalogueModel, repoFolder: string, commit: string, files: readonly PlannedFile[]): TransferTarget[] =>
  files.map((file) => {
    const entry = model.files.find((f) => f.name === file.name) ?? { name: file.name, sizeBytes: file.size, lfs: file.lfs };
    const blob = `${repoFolder}/blobs/${blobName(model, entry)}`;
    const depth = file.name.split('/').length + 1;
    return {
      file,
      finalPath: blob,
      partialPath: `${blob}.incomplete`,
      label: file.name,
      unit: 'B',
      onComplete: () => link(io, `${repoFolder}/snapshots/${commit}/${file.name}`, `${'../'.repeat(depth)}blobs/${blob.slice(blob.lastIndexOf('/') + 1)}`),
    };
  });

export const writeRef = (io: SimIO, repoFolder: string, ref: string, commit: string): void => {
  io.fs.writeText(`${repoFolder}/refs/${ref}`, commit);
};

export const localDirTargets = (io: SimIO, model: CatalogueModel, dir: string, commit: string, files: readonly PlannedFile[]): TransferTarget[] => {
  const meta = `${dir}/.cache/huggingface`;
  return files.map((file) => {
    const entry = model.files.find((f) => f.name === file.name) ?? { name: file.name, sizeBytes: file.size, lfs: file.lfs };
    const etag = blobName(model, entry);
    return {
      file,
      finalPath: `${dir}/${file.name}`,
      partialPath: `${meta}/download/${file.name}.${etag}.incomplete`,
      label: file.name,
      unit: 'B',
      onComplete: () => {
        const gitignore = io.fs.hostPath(`${meta}/.gitignore`);
        if (!existsSync(gitignore)) {
          mkdirSync(dirname(gitignore), { recursive: true });
          writeFileSync(gitignore, '*');
        }
        io.fs.writeText(`${meta}/download/${file.name}.metadata`, `${commit}\n${etag}\n${(io.now() / 1000).toFixed(6)}\n`);
      },
    };
  });
};
