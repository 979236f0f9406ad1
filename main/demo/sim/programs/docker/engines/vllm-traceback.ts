/**
 * The Python frames vLLM's engine core prints when it fails to start, below "EngineCore failed to
 * start." and "Traceback (most recent call last):". SYNTH: frame shapes follow vLLM 0.10/0.11's
 * V1 engine (core.py → executor → gpu_worker → gpu_model_runner) as issue reports print them
 * (vllm-project/vllm#24377, #28110); line numbers are of that era, not captured on a GB10.
 */

const dist = '/usr/local/lib/python3.12/dist-packages';

/** [file, line, function, source] of one frame. */
type Frame = readonly [string, number, string, string];

const frameLines = (frames: readonly Frame[]): string[] =>
  frames.flatMap(([file, line, fn, source]) => [`  File "${dist}/${file}", line ${line}, in ${fn}`, `    ${source}`]);

/** From the engine core's entry to where it builds its process (every startup failure passes here). */
const engineEntry: readonly Frame[] = [['vllm/v1/engine/core.py', 709, 'run_engine_core', 'engine_core = EngineCoreProc(*args, **kwargs)']];

/** The entry frame and the one that raised (`v1/worker/gpu_worker.py", line 173, in init_device`): the short form the other startup failures print. */
export const shortFrames = (where: string): string[] => [...frameLines(engineEntry), `  File "${dist}/vllm/${where}`];

/** The frames from the profiling run (the first forward pass after weights load) down to the CUTLASS FP4 grouped GEMM of a ModelOpt NVFP4 MoE layer. */
export const nvfp4MoeFrames = (): string[] =>
  frameLines([
    ...engineEntry,
    ['vllm/v1/engine/core.py', 505, '__init__', 'super().__init__(vllm_config, executor_class, log_stats,'],
    ['vllm/v1/engine/core.py', 91, '__init__', 'self._initialize_kv_caches(vllm_config)'],
    ['vllm/v1/engine/core.py', 172, '_initialize_kv_caches', 'self.model_executor.determine_available_memory())'],
    ['vllm/v1/executor/abstract.py', 76, 'determine_available_memory', 'output = self.collective_rpc("determine_available_memory")'],
    ['vllm/executor/uniproc_executor.py', 58, 'collective_rpc', 'answer = run_method(self.driver_worker, method, args, kwargs)'],
    ['vllm/utils/__init__.py', 3007, 'run_method', 'return func(*args, **kwargs)'],
    ['torch/utils/_contextlib.py', 120, 'decorate_context', 'return func(*args, **kwargs)'],
    ['vllm/v1/worker/gpu_worker.py', 243, 'determine_available_memory', 'self.model_runner.profile_run()'],
    ['vllm/v1/worker/gpu_model_runner.py', 2664, 'profile_run', '= self._dummy_run(self.max_num_tokens, is_profile=True)'],
    ['vllm/v1/worker/gpu_model_runner.py', 2433, '_dummy_run', 'outputs = self.model('],
    ['vllm/model_executor/layers/fused_moe/layer.py', 1571, 'forward_impl', 'final_hidden_states = self.quant_method.apply('],
    ['vllm/model_executor/layers/quantization/modelopt.py', 1522, 'apply', 'return cutlass_moe_fp4('],
    ['vllm/model_executor/layers/fused_moe/cutlass_moe.py', 633, 'cutlass_moe_fp4', 'ops.cutlass_fp4_moe_mm(c1, a1q, w1_fp4, a1q_scale, w1_blockscale, w1_alphas, problem_sizes1, expert_offsets[:-1], blockscale_offsets[:-1])'],
    ['vllm/_custom_ops.py', 992, 'cutlass_fp4_moe_mm', 'return torch.ops._C.cutlass_fp4_group_mm(out_tensors, a_tensors, b_tensors, a_scales, b_scales, alphas, problem_sizes, expert_offsets, sf_offsets)'],
    ['torch/_ops.py', 1243, '__call__', 'return self._op(*args, **kwargs)'],
  ]);
