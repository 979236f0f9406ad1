import { spawnSync } from 'node:child_process';
import { closeSync, openSync, truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelLibraryCommand, modelLibraryScript } from '../../src/remote/commands/model-library.js';
import { inCLocale } from '../../src/remote/quote.js';
import { parseModelLibrary } from '../../src/remote/parsers/model-library.js';
import { createProcessTable, runCommandLine, type ShellHost } from './shell/index.js';
import { nativeScripts } from './native-scripts.js';
import { findCatalogueModel } from './sim/catalogue.js';
import { programs } from './sim/programs/index.js';
import { rootedFs } from './sim/sim-fs.js';
import { fileLogStore } from './sim/state-store.js';
import { testBox, type TestBox } from './sim/testing.js';
import { writeModel } from './sim/programs/docker/docker-testing.js';

const home = '/home/demo';
const odd = `/data/llm-model/it's a "model"\nline two $(x)`;

/** A box with a model in each place the library looks, downloaded by the simulated tools. */
const stockedBox = async (): Promise<{ box: TestBox; host: ShellHost }> => {
  const box = testBox();
  box.store.update((s) => {
    s.tuning.downloadBytesPerSec = 1e12;
  }, box.now);
  const fs = rootedFs({ root: box.root, home });
  const host: ShellHost = { store: box.store, fs, logs: fileLogStore(`${box.root}/.logs`), servers: box.servers, programs, nativeScripts, virtualFile: () => undefined, missing: () => false, user: 'demo', hostname: 'pgx-demo', processes: createProcessTable() };
  for (const [program, argv] of [
    ['hf', ['download', 'Qwen/Qwen3-1.7B']],
    ['modelscope', ['download', '--model', 'Qwen/Qwen3-1.7B']],
    ['ollama', ['pull', 'qwen3:30b-a3b']],
  ] as const) {
    expect((await box.run(programs[program]!, program, argv)).code).toBe(0);
  }
  writeModel(box, '/data/llm-model/Qwen3-30B-A3B-NVFP4', 17_832_000_000, findCatalogueModel('nvidia/Qwen3-30B-A3B-NVFP4')!.config);
  writeModel(box, odd, 4_000, { architectures: ['LlamaForCausalLM'] }, 1);
  const gguf = fs.hostPath('/data/llm-model/Qwen3-0.6B-Q8_0.gguf');
  closeSync(openSync(gguf, 'w'));
  truncateSync(gguf, 639_446_688);
  return { box, host };
};

const runOnDemoBox = async (host: ShellHost, folders: string[]): Promise<string> => {
  let out = '';
  const status = await runCommandLine(host, inCLocale(modelLibraryCommand(folders)), { write: (t) => (out += t), error: (t) => (out += t), signal: new AbortController().signal }, { env: { HOME: home, PATH: '/usr/bin:/bin' } });
  expect(status).toBe(0);
  return out;
};

const withoutOllama = (output: string): string => output.replace(/ollama\0\d+\0[^\0]*\0|ollama-missing\0/, '');

describe('the model library on the demo box', () => {
  it('lists the HF cache, the ModelScope cache, a user folder and Ollama, and the parser reads every one', async () => {
    const { host } = await stockedBox();
    const library = parseModelLibrary(await runOnDemoBox(host, ['/data/llm-model', '~/models', '/no/such']));
    expect(library.complete).toBe(true);
    expect(library.ollama).toEqual({ kind: 'ok' });
    // `~` is expanded on the box (this box has no ~/models).
    expect(library.missingFolders).toEqual([`${home}/models`, '/no/such']);
    const byId = new Map(library.entries.map((e) => [`${e.source}:${e.id}`, e]));
    const qwen = findCatalogueModel('Qwen/Qwen3-1.7B')!;

    const hf = byId.get('huggingface:Qwen/Qwen3-1.7B')!;
    expect(hf.path).toBe(`${home}/.cache/huggingface/hub/models--Qwen--Qwen3-1.7B`);
    expect(hf.servePath).toBe(`${hf.path}/snapshots/${qwen.revision}`);
    expect(hf.revision).toBe(qwen.revision);
    // Every blob once (the snapshot's links are not followed: twice the weights if they were).
    const fileBytes = qwen.files.reduce((sum, f) => sum + f.sizeBytes, 0);
    expect(Math.abs(hf.sizeBytes! - fileBytes)).toBeLessThan(200_000);
    expect(hf).toMatchObject({ architecture: 'Qwen3ForCausalLM', modelType: 'qwen3', format: { kind: 'safetensors', dtype: 'bfloat16', quantization: null } });
    expect(hf.parameters!.basis).toBe('config');
    // The model card's 1.7B (tied embeddings counted once).
    expect(hf.parameters!.total / 1e9).toBeCloseTo(1.7, 1);

    const ms = byId.get('modelscope:Qwen/Qwen3-1.7B')!;
    expect(ms.path).toBe(`${home}/.cache/modelscope/hub/models/Qwen/Qwen3-1___7B`);
    expect(ms.architecture).toBe('Qwen3ForCausalLM');

    const nvfp4 = byId.get('folder:Qwen3-30B-A3B-NVFP4')!;
    expect(nvfp4.format).toEqual({ kind: 'safetensors', dtype: 'bfloat16', quantization: { method: 'modelopt', label: 'NVFP4' } });
    expect(nvfp4.sizeBytes).toBeGreaterThanOrEqual(17_832_000_000);
    expect(nvfp4.parameters!.total / 30_532_122_624).toBeCloseTo(1, 2);
    expect(nvfp4.parameters!.active! / 1e9).toBeCloseTo(3.35, 1);

    expect(byId.get(`folder:it's a "model"\nline two $(x)`)!.path).toBe(odd);
    expect(byId.get('folder:Qwen3-0.6B-Q8_0.gguf')).toMatchObject({ sizeBytes: 639_446_688, format: { kind: 'gguf', files: [{ quantType: 'Q8_0', sizeBytes: 639_446_688 }] }, parameters: { total: 0.6e9, basis: 'name' } });
    expect(byId.get('ollama:qwen3:30b-a3b')).toMatchObject({ sizeBytes: 18e9, parameters: { total: 30e9, active: 3e9 }, format: { kind: 'ollama', id: '0b28110b7a33' } });
  });

  it('answers exactly as the real script does under a real sh over the same files', async () => {
    const { box, host } = await stockedBox();
    const twin = withoutOllama(await runOnDemoBox(host, ['/data/llm-model', '/no/such']));
    const real = spawnSync('sh', ['-c', modelLibraryScript(), 'sh', `${box.root}/data/llm-model`, `${box.root}/no/such`], { env: { HOME: `${box.root}${home}`, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
    expect(real.status).toBe(0);
    expect(withoutOllama(real.stdout.split(box.root).join(''))).toBe(twin);
  });

  it('honours HF_HUB_CACHE: an empty hub lists no HF models', async () => {
    const { host } = await stockedBox();
    host.fs.mkdirp('/srv/hub');
    let out = '';
    await runCommandLine(host, modelLibraryCommand([]), { write: (t) => (out += t), error: () => undefined, signal: new AbortController().signal }, { env: { HOME: home, HF_HUB_CACHE: '/srv/hub' } });
    const library = parseModelLibrary(out);
    expect(library.entries.filter((e) => e.source === 'huggingface')).toEqual([]);
    expect(library.entries.some((e) => e.source === 'modelscope')).toBe(true);
  });
});
