/**
 * Memory settings per box class. GB10's GPU takes its memory from the same LPDDR5X pool as DGX
 * OS, the desktop and the page cache, and running that pool dry can freeze the box until it is
 * power-cycled, so these leave room the engines' own defaults (0.9) do not. MemTotal reads about
 * 119.7 GiB on a "128 GB" box and about 58 GiB on a "64 GB" one (formats/README gotcha 6), while
 * the OS and a desktop session keep some 6 to 10 GiB in either: the smaller box gives engines a
 * smaller share. The memory guard still checks each launch against what is really free.
 */

export const boxClasses = ['128', '64'] as const;
export type BoxClass = (typeof boxClasses)[number];

export interface EnginePresets {
  readonly trtllm: { readonly maxBatchSize: number; readonly kvCacheFreeGpuMemoryFraction: number };
  readonly vllm: { readonly gpuMemoryUtilization: number; readonly maxModelLen: number };
  readonly sglang: { readonly memFractionStatic: number; readonly contextLength: number };
  readonly 'llama-server': { readonly ctxSize: number; readonly parallel: number };
  readonly ollama: { readonly keepAlive: string };
}

export const servePresets = {
  '128': {
    trtllm: {
      /** The review's --max_batch_size. */
      maxBatchSize: 10,
      /** Of what is free after the weights (TRT-LLM's meaning); the playbook's 0.9 leaves the OS too little. */
      kvCacheFreeGpuMemoryFraction: 0.7,
    },
    vllm: {
      /** Of the whole unified pool on GB10: ~84 GiB for weights + KV cache, ~36 GiB left to the OS and the rest. */
      gpuMemoryUtilization: 0.7,
      /** 32K tokens a sequence: long chats without the KV cache crowding out concurrency. */
      maxModelLen: 32_768,
    },
    sglang: {
      /** Weights + KV pool as a fraction of the whole pool, as vLLM's above. */
      memFractionStatic: 0.7,
      contextLength: 32_768,
    },
    'llama-server': {
      /** Tokens of KV cache shared by the slots (-c); llama.cpp's 4096 is short for chat. */
      ctxSize: 32_768,
      /** Slots (-np): each gets ctxSize / parallel tokens. */
      parallel: 4,
    },
    ollama: {
      /** A loaded model stays this long after its last request, then frees its memory. */
      keepAlive: '30m',
    },
  },
  '64': {
    trtllm: {
      /** Fewer sequences in flight: each needs KV cache the smaller pool does not have. */
      maxBatchSize: 4,
      kvCacheFreeGpuMemoryFraction: 0.5,
    },
    vllm: {
      /** ~35 GiB of ~58: the OS's fixed share is a larger part of a smaller pool. */
      gpuMemoryUtilization: 0.6,
      maxModelLen: 16_384,
    },
    sglang: {
      memFractionStatic: 0.6,
      contextLength: 16_384,
    },
    'llama-server': {
      ctxSize: 16_384,
      parallel: 2,
    },
    ollama: {
      /** Memory back sooner on the smaller box. */
      keepAlive: '10m',
    },
  },
} as const satisfies Record<BoxClass, EnginePresets>;
