import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConvertOutput } from '../../../../../src/remote/parsers/llamacpp-convert.js';
import { parseQuantizeOutput } from '../../../../../src/remote/parsers/llamacpp-quantize.js';
import { findCatalogueModel } from '../../catalogue.js';
import { runProgram } from '../../host.js';
import { rootedFs } from '../../sim-fs.js';
import { fileLogStore } from '../../state-store.js';
import { testBox, type TestBox } from '../../testing.js';
import { downloadPrograms } from '../downloads/index.js';
import { readGgufFile } from './gguf-file.js';
import { llamacppPrograms, pythonScripts } from './index.js';

const captures = new URL('../../../../../e2e/fixtures/captures/', import.meta.url);
const llamaCapture = readFileSync(new URL('llamacpp-formats.txt', captures), 'utf8');
const captureBetween = (from: string, to: string) => llamaCapture.slice(llamaCapture.indexOf(from), llamaCapture.indexOf(to, llamaCapture.indexOf(from)));

const box = (mutate?: (b: TestBox) => void): TestBox => {
  const b = testBox({
    mutate: (s) => {
      s.tuning.downloadBytesPerSec = 1e12;
      s.tuning.convertMsPerGiB = 1;
      s.tuning.serverReadyMs = 20;
    },
  });
  mutate?.(b);
  return b;
};
const download = (b: TestBox, repo: string, dir: string) => b.run(downloadPrograms['hf']!, 'hf', ['download', repo, '--local-dir', dir]);
const convert = (b: TestBox, args: string[]) => b.run(pythonScripts['convert_hf_to_gguf.py']!, 'python3', ['/home/demo/llama.cpp/convert_hf_to_gguf.py', ...args]);
const quantize = (b: TestBox, args: string[]) => b.run(llamacppPrograms['llama-quantize']!, 'llama-quantize', args);
const gguf = (b: TestBox, path: string) => readGgufFile(join(b.root, path));
const setFault = (b: TestBox, on: boolean) =>
  b.store.update((s) => {
    s.faults['disk-full'] = on;
  }, b.now);

describe('convert_hf_to_gguf.py', () => {
  it('converts Qwen3-1.7B like the capture: parse both and agree', async () => {
    const b = box();
    await download(b, 'Qwen/Qwen3-1.7B', 'models/Qwen3-1.7B');
    const result = await convert(b, ['models/Qwen3-1.7B', '--outfile', '../models/qwen3-1.7b-f16.gguf', '--outtype', 'f16']);
    expect(result.code).toBe(0);
    const ours = parseConvertOutput(result.stderr);
    const real = parseConvertOutput(captureBetween('python convert_hf_to_gguf.py ~/.cache/modelscope', '# split output:'));
    const shape = (p: typeof ours) => ({ outfile: p.outfile, nTensors: p.nTensors, totalBytes: p.totalBytes, done: p.progress?.done, total: p.progress?.total, unit: p.progress?.unit, percent: p.progress?.percent, succeeded: p.succeeded });
    expect(shape(ours)).toEqual(shape(real));
    expect(ours).toMatchObject({ model: 'Qwen3-1.7B', architecture: 'Qwen3ForCausalLM' });
    const file = gguf(b, '/home/models/qwen3-1.7b-f16.gguf');
    expect(file?.tensorCount).toBe(311);
    expect(file?.metadata).toMatchObject({ 'general.architecture': 'qwen3', 'general.file_type': 1, 'qwen3.block_count': 28 });
    expect(file!.sizeBytes / 2).toBeCloseTo(findCatalogueModel('Qwen/Qwen3-1.7B')!.parameterCount, -7);
  });

  it('picks bf16 for auto, substitutes {ftype}, and names the default outfile like the model folder', async () => {
    const b = box();
    await download(b, 'Qwen/Qwen3-1.7B', 'Qwen3-1.7B');
    const auto = await convert(b, ['Qwen3-1.7B', '--outfile', 'out-{ftype}.gguf']);
    expect(parseConvertOutput(auto.stderr).outfile).toBe('out-bf16.gguf');
    expect(gguf(b, '/home/demo/out-bf16.gguf')?.metadata['general.file_type']).toBe(32);
    // Run directly (no python3 in front): the script is not in argv.
    const direct = await b.run(llamacppPrograms['convert_hf_to_gguf.py']!, 'convert_hf_to_gguf.py', ['Qwen3-1.7B/', '--outtype', 'q8_0']);
    expect(parseConvertOutput(direct.stderr).outfile).toBe('Qwen3-1.7B/Qwen3-1.7B-Q8_0.gguf');
    const q8 = gguf(b, '/home/demo/Qwen3-1.7B/Qwen3-1.7B-Q8_0.gguf')!;
    expect(q8.sizeBytes / findCatalogueModel('Qwen/Qwen3-1.7B')!.parameterCount).toBeCloseTo(34 / 32, 2);
  });

  it('keeps gpt-oss experts in MXFP4 and counts 687 tensors', async () => {
    const b = box();
    await download(b, 'openai/gpt-oss-120b', 'gpt-oss-120b');
    const result = await convert(b, ['gpt-oss-120b', '--outfile', 'gpt-oss.gguf']);
    expect(result.stderr).toContain('INFO:hf-to-gguf:blk.0.ffn_up_exps.weight,');
    expect(result.stderr).toMatch(/blk\.0\.ffn_up_exps\.weight, +torch\.uint8 --> MXFP4, shape = \{2880, 2880, 128\}/);
    expect(parseConvertOutput(result.stderr).nTensors).toBe(687);
  });

  it('fails like the script: bad outtype, no folder, no config.json, AWQ, disk full', async () => {
    const b = box();
    const badType = await convert(b, ['x', '--outtype', 'q4']);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain("convert_hf_to_gguf.py: error: argument --outtype: invalid choice: 'q4' (choose from 'f32', 'f16', 'bf16', 'q8_0', 'tq1_0', 'tq2_0', 'auto')");
    const noDir = await convert(b, ['models/missing']);
    expect(noDir).toMatchObject({ code: 1, stderr: 'ERROR:hf-to-gguf:Error: models/missing is not a directory\n' });
    rootedFs({ root: b.root, home: '/home/demo' }).mkdirp('/home/demo/empty');
    expect(parseConvertOutput((await convert(b, ['empty'])).stderr).problem?.kind).toBe('missing-config');
    await download(b, 'Qwen/Qwen3-30B-A3B-AWQ', 'awq');
    expect(parseConvertOutput((await convert(b, ['awq'])).stderr).problem?.kind).toBe('unsupported-quantization');
    await download(b, 'Qwen/Qwen3-1.7B', 'q');
    setFault(b, true);
    const full = await convert(b, ['q']);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/OSError: \[Errno 28\] No space left on device\n$/);
    expect(parseConvertOutput(full.stderr).problem?.kind).toBe('no-space');
  });
});

describe('llama-quantize', () => {
  const prepared = async () => {
    const b = box();
    await download(b, 'Qwen/Qwen3-1.7B', 'm');
    await convert(b, ['m', '--outfile', 'm/f16.gguf', '--outtype', 'f16']);
    return b;
  };

  it('prints the new-style tail with BPW like the capture: parse both and agree', async () => {
    const b = await prepared();
    const result = await quantize(b, ['m/f16.gguf', 'm/q4.gguf', 'Q4_K_M', '8']);
    expect(result.code).toBe(0);
    const ours = parseQuantizeOutput(`${result.stderr}\n${result.stdout}`);
    const real = parseQuantizeOutput(captureBetween('# newer builds (BPW added', '# fallback warnings:'));
    const shape = (p: typeof ours) => ({ modelUnit: p.modelSize?.unit, modelBpw: p.modelSize?.bpw, quantUnit: p.quantSize?.unit, hasQuantBpw: p.quantSize?.bpw !== null, hasTime: p.quantizeMs !== null && p.totalMs !== null, succeeded: p.succeeded });
    expect(shape(ours)).toEqual(shape(real));
    // Qwen3-1.7B Q4_K_M: 5.09 BPW, as in the capture's tail.
    expect(ours.quantSize?.bpw).toBe(5.09);
    expect(ours).toMatchObject({ input: 'm/f16.gguf', output: 'm/q4.gguf', type: 'Q4_K_M', progress: { tensor: 311, tensors: 311 } });
    expect(result.stderr).toContain("llama_quantize: quantizing 'm/f16.gguf' to 'm/q4.gguf' as Q4_K_M using 8 threads\n");
    const out = gguf(b, '/home/demo/m/q4.gguf')!;
    expect(out.metadata['general.file_type']).toBe(15);
    expect(out.sizeBytes / 1024 / 1024).toBeCloseTo(ours.quantSize!.value, 0);
  });

  it('accepts a numeric type and derives the output name when it is left out', async () => {
    const b = await prepared();
    const result = await quantize(b, ['m/f16.gguf', '7']);
    expect(result.stderr).toContain("quantizing 'm/f16.gguf' to 'm/ggml-model-Q8_0.gguf' as Q8_0\n");
    expect(gguf(b, '/home/demo/m/ggml-model-Q8_0.gguf')?.metadata['general.file_type']).toBe(7);
  });

  it('answers bad arguments and impossible jobs with the real lines', async () => {
    const b = await prepared();
    const usage = await quantize(b, ['only-one']);
    expect(usage.code).toBe(1);
    expect(usage.stdout).toContain('  15  or  Q4_K_M  :  4.58G, +0.1754 ppl @ Llama-3-8B\n');
    expect(usage.stdout).toContain('          COPY    : only copy tensors, no quantizing\n');
    expect((await quantize(b, ['m/f16.gguf', 'out.gguf', 'Q4_Z'])).stderr).toBe("llama_quantize: invalid ftype 'Q4_Z'\n");
    expect((await quantize(b, ['m/f16.gguf', 'out.gguf'])).stderr).toBe('llama_quantize: missing ftype\n');
    expect(parseQuantizeOutput((await quantize(b, ['m/f16.gguf', 'o.gguf', 'IQ2_XXS'])).stderr).problem?.kind).toBe('missing-imatrix');
    expect(parseQuantizeOutput((await quantize(b, ['missing.gguf', 'o.gguf', 'Q4_0'])).stderr).problem?.kind).toBe('failed');
    await quantize(b, ['m/f16.gguf', 'm/q4.gguf', 'Q4_K_M']);
    expect((await quantize(b, ['m/q4.gguf', 'm/q2.gguf', 'Q2_K'])).stderr).toContain('failed to quantize: requantizing from type q4_K is disabled');
    setFault(b, true);
    const full = await quantize(b, ['m/f16.gguf', 'm/full.gguf', 'Q4_K_M']);
    expect(full.stderr).toContain("llama_model_quantize: failed to quantize: basic_ios::clear: iostream error\nllama_quantize: failed to quantize model from 'm/f16.gguf'\n");
  });

  it('fails when the disk fills while it writes (the export chain’s fault injection at quantize)', async () => {
    const b = await prepared();
    let stderr = '';
    const code = await runProgram({ store: b.store, fs: rootedFs({ root: b.root, home: '/home/demo' }), logs: fileLogStore(join(b.root, '.logs')), servers: b.servers, now: () => b.now }, llamacppPrograms['llama-quantize']!, 'llama-quantize', ['m/f16.gguf', 'm/mid.gguf', 'Q4_K_M'], {
      write: () => undefined,
      error: (t) => {
        stderr += t;
        if (/\[\s*10\/\s*\d+\]/.test(t)) setFault(b, true);
      },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\[\s*10\/\s*311\]/);
    expect(stderr).not.toMatch(/\[\s*311\/\s*311\]/);
    expect(stderr).toContain('failed to quantize: basic_ios::clear: iostream error');
    expect(gguf(b, 'm/mid.gguf')).toBeUndefined();
  });
});

describe('llama-server', () => {
  const ready = 'main: server is listening on http://127.0.0.1:8090 - starting the main loop';

  const serve = async (b: TestBox, args: string[], stopWhen: (stderr: string, abort: () => void) => boolean) => {
    const controller = new AbortController();
    let stderr = '';
    const code = await runProgram({ store: b.store, fs: rootedFs({ root: b.root, home: '/home/demo' }), logs: fileLogStore(join(b.root, '.logs')), servers: b.servers, now: () => b.now }, llamacppPrograms['llama-server']!, 'llama-server', args, {
      signal: controller.signal,
      write: () => undefined,
      error: (t) => {
        stderr += t;
        if (stopWhen(stderr, () => controller.abort())) controller.abort();
      },
    });
    return { code, stderr };
  };

  const withModel = async (mutate?: (b: TestBox) => void) => {
    const b = box(mutate);
    await download(b, 'Qwen/Qwen3-1.7B', 'm');
    await convert(b, ['m', '--outfile', 'm/f16.gguf', '--outtype', 'f16']);
    await quantize(b, ['m/f16.gguf', 'm/q4.gguf', 'Q4_K_M']);
    return b;
  };

  it('loads, serves until Ctrl-C and cleans up its GPU process and server', async () => {
    const b = await withModel();
    let during: ReturnType<TestBox['state']> | undefined;
    const result = await serve(b, ['-m', 'm/q4.gguf', '--port', '8090', '--alias', 'qwen3'], (stderr) => {
      if (!stderr.includes(ready)) return false;
      during = b.state();
      return true;
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('  Device 0: NVIDIA GB10, compute capability 12.1, VMM: yes\n');
    expect(result.stderr).toContain('print_info: file type   = Q4_K - Medium\n');
    expect(result.stderr).toMatch(/print_info: file size {3}= 1\.\d\d GiB \(5\.09 BPW\)/);
    expect(during?.gpuProcesses).toEqual([expect.objectContaining({ name: 'llama-server', type: 'C', loadMs: 20 })]);
    expect(b.servers.started).toEqual([expect.objectContaining({ kind: 'llama-server', port: 8090, servedName: 'qwen3', model: 'm/q4.gguf', maxConcurrency: 4 })]);
    expect(b.servers.stopped).toEqual([b.servers.started[0]!.id]);
    expect(b.state().gpuProcesses).toEqual([]);
  });

  it('says nothing about listening before the model has loaded', async () => {
    const b = await withModel((x) =>
      x.store.update((s) => {
        s.tuning.serverReadyMs = 60_000;
      }, x.now),
    );
    const result = await serve(b, ['-m', 'm/q4.gguf', '--port', '8090'], (stderr) => stderr.includes('llama_kv_cache:'));
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('main: HTTP server is listening, hostname: 127.0.0.1, port: 8090');
    expect(result.stderr).not.toContain('main: server is listening on');
    expect(b.state().gpuProcesses).toEqual([]);
  });

  it('fails to load a missing model with the real lines', async () => {
    const b = box();
    const result = await b.run(llamacppPrograms['llama-server']!, 'llama-server', ['-m', 'nope.gguf']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("gguf_init_from_file: failed to open GGUF file 'nope.gguf'\n");
    expect(result.stderr).toMatch(/main: exiting due to model loading error\n$/);
    expect((await b.run(llamacppPrograms['llama-server']!, 'llama-server', ['--bogus'])).stderr).toBe('error: invalid argument: --bogus\n');
  });

  it('never prints the ready lines under the server-never-ready fault', async () => {
    const b = await withModel((x) =>
      x.store.update((s) => {
        s.faults['server-never-ready'] = true;
        s.tuning.serverReadyMs = 0;
      }, x.now),
    );
    // The load takes 0 ms here: 100 ms after the KV cache line a healthy server has printed its ready lines.
    let scheduled = false;
    const result = await serve(b, ['-m', 'm/q4.gguf', '--port', '8090'], (stderr, abort) => {
      if (stderr.includes('llama_kv_cache:') && !scheduled) {
        scheduled = true;
        setTimeout(abort, 100);
      }
      return false;
    });
    expect(result.code).toBe(130);
    expect(result.stderr).not.toContain('main: model loaded');
    expect(b.servers.started).toHaveLength(1);
  });
});
