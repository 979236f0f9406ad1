import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPgxLabels } from '../../remote/commands/pgx-labels.js';
import { serveLaunch } from './serve-launch.js';

const home = mkdtempSync(join(tmpdir(), 'pgx-serve-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The words a real bash hands docker (a function printing them); mkdir and printf run for real under HOME. */
const dockerArgv = (line: string): string[] => {
  const out = execFileSync('bash', ['-c', `docker() { printf '%s\\0' "$@"; }; ${line}`], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home } });
  return out.toString().split('\0').slice(0, -1);
};

/** The words after the image: what the engine's process gets. */
const engineWords = (line: string, image: string): string[] => {
  const argv = dockerArgv(line);
  return argv.slice(argv.lastIndexOf(image) + 1);
};

/** The run line without its labels (pinned apart, below), for hand-written expectations. */
const withoutLabels = (line: string): string => line.replace(/ --label (?:'[^']*'|\S+)/g, '');

describe('the review’s commands, reproduced by specs', () => {
  it('TensorRT-LLM: trtllm-serve on the host network, model folder mounted (read-only), no options file', () => {
    const launch = serveLaunch({
      engine: 'trtllm',
      model: '/data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4',
      image: 'nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev',
      name: 'trtllm-serve',
      network: 'host',
      shareOnLan: true,
      port: 8000,
      maxBatchSize: 10,
      kvCacheFreeGpuMemoryFraction: null,
    });
    expect(withoutLabels(launch.command)).toBe(
      'docker run -d --name trtllm-serve --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 --network host ' +
        '-v /data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4:/workspace/model:ro nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev ' +
        'trtllm-serve /workspace/model --backend pytorch --max_batch_size 10 --host 0.0.0.0 --port 8000',
    );
    // The review's words after its image, exactly.
    const review = 'trtllm-serve /workspace/model --backend pytorch --max_batch_size 10 --host 0.0.0.0 --port 8000'.split(' ');
    expect(engineWords(launch.command, 'nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev')).toEqual(review);
    expect(launch.file).toBeNull();
    expect(launch.memory).toEqual({ kind: 'free-fraction', fraction: 0.9 });
  });

  it('vLLM: the api_server launcher, served name, remote code, dtype and the KV cache in bytes', () => {
    const image = 'nvcr.io/nvidia/vllm:25.09-py3';
    const launch = serveLaunch({
      engine: 'vllm',
      model: '/data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4',
      launcher: 'api-server',
      servedModelName: 'Qwen3-30B',
      trustRemoteCode: true,
      dtype: 'auto',
      memory: { kind: 'kv-cache-bytes', bytes: 34_608_345_600 },
      maxModelLen: null,
    });
    expect(withoutLabels(launch.command)).toBe(
      'docker run -d --name pgx-serve-vllm-8000 --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 -p 127.0.0.1:8000:8000 ' +
        `-v /data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4:/workspace/model:ro ${image} ` +
        'python3 -m vllm.entrypoints.openai.api_server --model /workspace/model --served-model-name Qwen3-30B --trust-remote-code --dtype auto ' +
        '--kv-cache-memory-bytes 34608345600 --host 0.0.0.0 --port 8000',
    );
    // The review's line, with its in-container path ours, `python` as python3, and the flag argparse completes spelt out.
    const review = 'python -m vllm.entrypoints.openai.api_server --model /model --served-model-name Qwen3-30B --trust-remote-code --dtype auto --kv-cache-memory 34608345600'
      .split(' ')
      .map((w) => ({ python: 'python3', '/model': '/workspace/model', '--kv-cache-memory': '--kv-cache-memory-bytes' })[w] ?? w);
    expect(engineWords(launch.command, image)).toEqual([...review, '--host', '0.0.0.0', '--port', '8000']);
    expect(launch.servedModelName).toBe('Qwen3-30B');
    expect(launch.memory).toEqual({ kind: 'kv-cache-bytes', bytes: 34_608_345_600 });
  });
});

describe('each engine’s command', () => {
  it('TensorRT-LLM writes its options YAML on the box, mounts it and passes it', () => {
    const launch = serveLaunch({ engine: 'trtllm', model: 'nvidia/Qwen3-30B-A3B-NVFP4', trustRemoteCode: true });
    expect(withoutLabels(launch.command)).toBe(
      "mkdir -p \"$HOME\"/.pgx-companion/serve/pgx-serve-trtllm-8000 && printf '%s' 'kv_cache_config:\n  free_gpu_memory_fraction: 0.7\n' > \"$HOME\"/.pgx-companion/serve/pgx-serve-trtllm-8000/extra-llm-api-options.yml && " +
        'docker run -d --name pgx-serve-trtllm-8000 --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 -p 127.0.0.1:8000:8000 ' +
        '-v "$HOME"/.cache/huggingface:/root/.cache/huggingface -v "$HOME"/.pgx-companion/serve/pgx-serve-trtllm-8000/extra-llm-api-options.yml:/workspace/extra-llm-api-options.yml:ro ' +
        'nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc13 trtllm-serve nvidia/Qwen3-30B-A3B-NVFP4 --backend pytorch --max_batch_size 10 --trust_remote_code --host 0.0.0.0 --port 8000 ' +
        '--extra_llm_api_options /workspace/extra-llm-api-options.yml',
    );
    const argv = dockerArgv(launch.command);
    expect(argv).toContain(`${home}/.pgx-companion/serve/pgx-serve-trtllm-8000/extra-llm-api-options.yml:/workspace/extra-llm-api-options.yml:ro`);
    expect(readFileSync(join(home, '.pgx-companion/serve/pgx-serve-trtllm-8000/extra-llm-api-options.yml'), 'utf8')).toBe('kv_cache_config:\n  free_gpu_memory_fraction: 0.7\n');
    expect(launch.servedModelName).toBe('nvidia/Qwen3-30B-A3B-NVFP4');
    expect(launch.readiness).toEqual({ healthPath: '/health', modelsPath: '/v1/models', startupMs: 1_200_000 });
  });

  it('vLLM (NGC) runs `vllm serve` with a Hugging Face id from the box’s cache', () => {
    const launch = serveLaunch({ engine: 'vllm', model: 'Qwen/Qwen3-0.6B', boxClass: '64', port: 8001 });
    expect(withoutLabels(launch.command)).toBe(
      'docker run -d --name pgx-serve-vllm-8001 --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 -p 127.0.0.1:8001:8001 ' +
        '-v "$HOME"/.cache/huggingface:/root/.cache/huggingface nvcr.io/nvidia/vllm:25.09-py3 ' +
        'vllm serve Qwen/Qwen3-0.6B --served-model-name Qwen/Qwen3-0.6B --gpu-memory-utilization 0.6 --max-model-len 16384 --host 0.0.0.0 --port 8001',
    );
    expect(launch.memory).toEqual({ kind: 'pool-fraction', fraction: 0.6 });
  });

  it('a Hugging Face cache snapshot folder is served under its repo id, not its commit', () => {
    const snapshot = '/home/me/.cache/huggingface/hub/models--nvidia--Qwen3-30B-A3B-NVFP4/snapshots/0f008ffc1aacb1eab703df470088d7c28acd6dda';
    const launch = serveLaunch({ engine: 'vllm', model: snapshot, boxClass: '128' });
    expect(launch.servedModelName).toBe('nvidia/Qwen3-30B-A3B-NVFP4');
    expect(launch.command).toContain('--served-model-name nvidia/Qwen3-30B-A3B-NVFP4');
    // A plain folder keeps its own name.
    expect(serveLaunch({ engine: 'vllm', model: '/data/llm-model/Qwen3-30B-A3B', boxClass: '128' }).servedModelName).toBe('Qwen3-30B-A3B');
  });

  it('vLLM (upstream image) passes only the model and options: its entrypoint is `vllm serve`', () => {
    const launch = serveLaunch({ engine: 'vllm', model: '~/models/Qwen3-30B-A3B-AWQ', image: 'vllm/vllm-openai:v0.12.0', dtype: 'bfloat16', shareOnLan: true });
    expect(withoutLabels(launch.command)).toBe(
      'docker run -d --name pgx-serve-vllm-8000 --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 -p 0.0.0.0:8000:8000 ' +
        '-v "$HOME"/models/Qwen3-30B-A3B-AWQ:/workspace/model:ro vllm/vllm-openai:v0.12.0 ' +
        '/workspace/model --served-model-name Qwen3-30B-A3B-AWQ --dtype bfloat16 --gpu-memory-utilization 0.7 --max-model-len 32768 --host 0.0.0.0 --port 8000',
    );
    expect(dockerArgv(launch.command)).toContain(`${home}/models/Qwen3-30B-A3B-AWQ:/workspace/model:ro`);
  });

  it('vLLM (upstream image) with the api_server launcher replaces the entrypoint', () => {
    const launch = serveLaunch({ engine: 'vllm', model: '/m/x', image: 'vllm/vllm-openai:v0.12.0', launcher: 'api-server', maxModelLen: 8192 });
    expect(withoutLabels(launch.command)).toContain(
      '--entrypoint python3 vllm/vllm-openai:v0.12.0 -m vllm.entrypoints.openai.api_server --model /workspace/model --served-model-name x --gpu-memory-utilization 0.7 --max-model-len 8192',
    );
  });

  it('SGLang runs launch_server with --mem-fraction-static', () => {
    const launch = serveLaunch({ engine: 'sglang', model: '/data/llm-model/Qwen/Qwen3-8B', servedModelName: 'qwen3-8b', memFractionStatic: 0.5, contextLength: null });
    expect(withoutLabels(launch.command)).toBe(
      'docker run -d --name pgx-serve-sglang-30000 --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 -p 127.0.0.1:30000:30000 ' +
        '-v /data/llm-model/Qwen/Qwen3-8B:/workspace/model:ro lmsysorg/sglang:spark ' +
        'python3 -m sglang.launch_server --model-path /workspace/model --served-model-name qwen3-8b --mem-fraction-static 0.5 --host 0.0.0.0 --port 30000',
    );
    expect(launch.readiness.healthPath).toBe('/health');
  });

  it('llama-server mounts the GGUF’s folder and passes the file, all layers on the GPU', () => {
    const launch = serveLaunch({ engine: 'llama-server', model: '~/models/gguf/Qwen3-30B-A3B-Q4_K_M.gguf', network: 'host' });
    expect(withoutLabels(launch.command)).toBe(
      'docker run -d --name pgx-serve-llama-server-8080 --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 --network host ' +
        '-v "$HOME"/models/gguf:/workspace/models:ro ghcr.io/ggml-org/llama.cpp:server-cuda ' +
        '-m /workspace/models/Qwen3-30B-A3B-Q4_K_M.gguf --alias Qwen3-30B-A3B-Q4_K_M --host 127.0.0.1 --port 8080 -c 32768 -np 4 -ngl 999',
    );
    expect(launch.memory).toEqual({ kind: 'context-tokens', tokens: 32768 });
  });

  it('Ollama pulls and loads on the box’s daemon: a host command, no container', () => {
    expect(serveLaunch({ engine: 'ollama', model: 'qwen3:30b' })).toEqual({
      engine: 'ollama',
      command: 'ollama pull qwen3:30b && ollama run --keepalive 30m qwen3:30b </dev/null',
      image: null,
      containerName: null,
      port: 11434,
      readiness: { healthPath: '/api/version', modelsPath: '/api/tags', startupMs: 1_800_000 },
      labels: {},
      servedModelName: 'qwen3:30b',
      memory: { kind: 'ollama-model', keepAlive: '30m' },
      file: null,
    });
    expect(serveLaunch({ engine: 'ollama', model: 'hf.co/unsloth/Qwen3-30B-A3B-GGUF:Q4_K_M', port: 11435, boxClass: '64' }).command).toBe(
      'OLLAMA_HOST=127.0.0.1:11435 ollama pull hf.co/unsloth/Qwen3-30B-A3B-GGUF:Q4_K_M && OLLAMA_HOST=127.0.0.1:11435 ollama run --keepalive 10m hf.co/unsloth/Qwen3-30B-A3B-GGUF:Q4_K_M </dev/null',
    );
  });
});

describe('labels', () => {
  it('mark a serve container with its engine, port, paths and the resolved recipe', () => {
    const launch = serveLaunch({ engine: 'vllm', model: 'Qwen/Qwen3-0.6B', boxClass: '64' });
    const read = readPgxLabels(launch.labels);
    expect(read).toMatchObject({ kind: 'serve', app: 'vllm', port: 8000, urlPath: '/v1', healthPath: '/health', schema: 1 });
    expect(read?.recipe).toMatchObject({ engine: 'vllm', model: 'Qwen/Qwen3-0.6B', boxClass: '64', image: 'nvcr.io/nvidia/vllm:25.09-py3', memory: { kind: 'utilization', fraction: 0.6 }, maxModelLen: 16384 });
    // Docker gets exactly these labels.
    const argv = dockerArgv(launch.command);
    const labels = argv.flatMap((w, i) => (argv[i - 1] === '--label' ? [w] : []));
    expect(labels).toEqual(Object.entries(launch.labels).map(([k, v]) => `${k}=${v}`));
  });
});
