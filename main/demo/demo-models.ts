/**
 * Models a fresh demo box already has, so every Models / Serve screen has something to show:
 * in the Hugging Face cache nvidia/Qwen3-30B-A3B-NVFP4 (modelopt NVFP4, the review's model) and
 * Qwen/Qwen3-8B (BF16), a Qwen3-8B Q4_K_M GGUF in ~/models, and Ollama's qwen3:1.7b. Laid out
 * exactly as `hf download` leaves them (blobs, snapshot links, refs/main) from the simulator's
 * catalogue, weights as sparse files of their published sizes (no real disk used). Seeded once
 * per demo box (a mark under /var/lib), so a model the user deletes stays deleted. Only the
 * demo box does this; the simulator's initial state that tests share stays empty.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { blobName, findCatalogueModel, type CatalogueModel } from './sim/catalogue.js';
import type { SimFs } from './sim/io.js';
import { finishPull, planPull } from './sim/ollama-model.js';
import { shapeFromConfig, shapeToGguf } from './sim/programs/llamacpp/model-shape.js';
import { writeGgufFile } from './sim/programs/llamacpp/gguf-file.js';
import { planRepoFiles, safetensorsHeader } from './sim/programs/downloads/repo-files.js';
import type { StateStore } from './sim/state-store.js';

export const demoModels = {
  hub: ['nvidia/Qwen3-30B-A3B-NVFP4', 'Qwen/Qwen3-8B'],
  /** Qwen3-8B at Q4_K_M: 5.03 GB as llama.cpp's quantizer writes it (4.82 bits per weight on 8.19 B). */
  gguf: { name: 'Qwen3-8B-Q4_K_M.gguf', from: 'Qwen/Qwen3-8B', sizeBytes: 5_027_783_488, ftype: 15 },
  ollama: 'qwen3:1.7b',
  mark: '/var/lib/pgx-demo/models-seeded',
} as const;

const writeBlob = (hostPath: string, content: Buffer | undefined, size: number): void => {
  mkdirSync(dirname(hostPath), { recursive: true });
  const fd = openSync(hostPath, 'w');
  try {
    const head = content ?? safetensorsHeader();
    writeSync(fd, head, 0, Math.min(head.length, size), 0);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
};

/** One repo in the HF cache as huggingface_hub writes it. */
const seedHubRepo = (fs: SimFs, model: CatalogueModel): void => {
  const repo = `${fs.home}/.cache/huggingface/hub/models--${model.id.replace(/\//g, '--')}`;
  for (const file of planRepoFiles(model, 'hf')) {
    const entry = model.files.find((f) => f.name === file.name) ?? { name: file.name, sizeBytes: file.size, lfs: file.lfs };
    const blob = blobName(model, entry);
    writeBlob(fs.hostPath(`${repo}/blobs/${blob}`), file.content, file.size);
    const link = fs.hostPath(`${repo}/snapshots/${model.revision}/${file.name}`);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(`${'../'.repeat(file.name.split('/').length + 1)}blobs/${blob}`, link);
  }
  fs.writeText(`${repo}/refs/main`, model.revision);
};

export const seedDemoModels = (fs: SimFs, store: StateStore): void => {
  if (fs.exists(demoModels.mark)) return;
  for (const id of demoModels.hub) {
    const model = findCatalogueModel(id);
    if (model) seedHubRepo(fs, model);
  }
  const source = findCatalogueModel(demoModels.gguf.from);
  const shape = source ? shapeFromConfig(source.config) : undefined;
  if (source && shape) {
    writeGgufFile(fs.hostPath(`${fs.home}/models/${demoModels.gguf.name}`), demoModels.gguf.sizeBytes, shape.layers * 11 + 3, {
      'general.architecture': shape.arch,
      'general.type': 'model',
      'general.name': 'Qwen3 8B',
      'general.size_label': '8B',
      'general.parameter_count': BigInt(source.parameterCount),
      ...shapeToGguf(shape),
      'general.file_type': demoModels.gguf.ftype,
      'general.quantization_version': 2,
    });
  }
  store.update((state, now) => {
    const plan = planPull(state, demoModels.ollama);
    if (plan.ok && !state.ollama.models.some((m) => m.name === plan.name)) finishPull(state, plan, now);
  }, Date.now());
  fs.writeText(demoModels.mark, `${new Date().toISOString()}\n`);
};
