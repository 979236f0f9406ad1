/**
 * What an LLM server on a GB10 spends its GPU time on, per engine: kernel names as Blackwell
 * (sm_121) builds name them — cuBLAS `nvjet_*` and `sm121_xmma_*` GEMMs, FlashInfer / flash
 * attention, fused MoE for MoE models, llama.cpp's mul_mat_q / flash_attn_ext — with a share of
 * kernel time and a typical duration. No all-reduce: one GPU. Names with commas are real C++
 * template signatures, so CSV output has to quote them (as nsys does).
 */
import type { NsysWorkload } from './report-file.js';

/** [name, share of kernel time (any scale), typical duration ns, only for MoE models]. */
export type KernelEntry = readonly [string, number, number, boolean?];

const vllm: readonly KernelEntry[] = [
  ['nvjet_tst_256x128_64x4_2x1_v_bz_coopB_NNT', 24, 212_000],
  ['sm121_xmma_gemm_bf16bf16_bf16f32_f32_tn_n_tilesize128x128x64_stage3_warpsize2x2x1_tensor16x8x16_kernel', 11, 96_000],
  ['fused_moe_kernel', 26, 318_000, true],
  [
    'void flashinfer::BatchPrefillWithPagedKVCacheKernel<flashinfer::KernelTraits<(flashinfer::MaskMode)1, (unsigned int)128, (unsigned int)2, (unsigned int)4, (unsigned int)8, (unsigned int)8, (unsigned int)1, (unsigned int)4, (flashinfer::PosEncodingMode)0, __nv_bfloat16, __nv_bfloat16, __nv_bfloat16, float, int, flashinfer::DefaultAttention<(bool)0, (bool)0, (bool)0, (bool)0>>, (unsigned int)1, flashinfer::BatchPrefillPagedParams<__nv_bfloat16, __nv_bfloat16, __nv_bfloat16, int>>(T3)',
    14,
    1_240_000,
  ],
  ['void flashinfer::BatchDecodeWithPagedKVCacheKernel<(flashinfer::PosEncodingMode)0, (unsigned int)2, (unsigned int)2, (unsigned int)8, (unsigned int)16, (unsigned int)1, (unsigned int)8, flashinfer::DefaultAttention<(bool)0, (bool)0, (bool)0, (bool)0>, flashinfer::BatchDecodeParams<__nv_bfloat16, __nv_bfloat16, __nv_bfloat16, int>>(T9)', 9, 41_000],
  ['void vllm::rms_norm_kernel<c10::BFloat16, (int)8, (int)4>(T1 *, const T1 *, const T1 *, float, int, int, int)', 3.8, 6_100],
  ['void vllm::act_and_mul_kernel<c10::BFloat16, &vllm::silu_kernel<c10::BFloat16>, (bool)1>(T1 *, const T1 *, int)', 3.1, 7_400],
  ['void vllm::reshape_and_cache_flash_kernel<__nv_bfloat16, __nv_bfloat16, (vllm::Fp8KVCacheDataType)0>(const T1 *, const T1 *, T2 *, T2 *, const long *, long, long, long, long, int, int, int, const float *, const float *)', 2.4, 3_900],
  ['void vllm::moe::moe_align_block_size_kernel<int>(const T1 *, int *, int *, int *, int, int, int, int, unsigned long, int *)', 1.2, 5_200, true],
  ['void at::native::vectorized_elementwise_kernel<(int)4, at::native::FillFunctor<int>, std::array<char *, (unsigned long)1>>(int, T2, T3)', 1.6, 1_900],
  ['triton_red_fused__to_copy_add_mean_mul_pow_rsqrt_0', 1.1, 4_800],
  ['void cublasLt::splitKreduce_kernel<(int)32, (int)16, int, float, __nv_bfloat16, float, __nv_bfloat16, (bool)1, (bool)0, (bool)0>(cublasLt::cublasSplitKParams<T6>, const T4 *, const T9 *, T8 *, const T5 *, const T6 *, const T9 *, const T4 *, T8 *, void *, long, T6 *, int *, T6 *, T6 *, const T6 *, const T6 *)', 0.6, 3_100],
];

const trtllm: readonly KernelEntry[] = [
  ['nvjet_tst_128x256_64x4_1x2_h_bz_coopA_TNT', 27, 188_000],
  ['fmha_v2_flash_attention_bf16_64_128_S_qkv_128_causal_sm120_kernel_nl_tiled', 16, 402_000],
  ['void tensorrt_llm::kernels::cutlass_kernels::moeFCKernel<__nv_bfloat16, __nv_bfloat16, cutlass::epilogue::thread::SiLu, (int)128, (int)128>(const T1 *, const T2 *, const T1 *, T1 *, const long *, long, long, long, int)', 25, 287_000, true],
  ['xqa_kernel_dt_bf16_d_128_beam_1_kvt_bf16_nq_8_pagedKV_64_sm_120', 10, 38_000],
  ['void tensorrt_llm::kernels::generalRmsNorm<__nv_bfloat16, float, (bool)0, (bool)0>(const T1 *, const T1 *, const T1 *, T1 *, float, int, int, const float *, const float *, float *, float *, bool, T2 *)', 4, 5_600],
  ['void tensorrt_llm::kernels::fusedQKNormRopeKernel<__nv_bfloat16, (int)128, (bool)1>(T1 *, int, int, int, float, const T1 *, const T1 *, float, const int *, int)', 3, 4_100],
  ['void tensorrt_llm::kernels::finalizeMoeRoutingKernel<__nv_bfloat16, __nv_bfloat16, (bool)1>(const T1 *, T2 *, const T1 *, const float *, const int *, const int *, long, long, long)', 2, 6_300, true],
];

const llamacpp: readonly KernelEntry[] = [
  ['void mul_mat_q<(ggml_type)12, (int)128, (bool)0>(const char *, const int *, const int *, const int *, float *, float *, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int)', 34, 284_000],
  ['void mul_mat_vec_q<(ggml_type)12, (int)1, (bool)0>(const void *, const void *, const int *, float *, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int)', 27, 24_000],
  ['void flash_attn_ext_f16<(int)128, (int)128, (int)4, (int)8, (int)64, (int)1, (bool)0, (bool)0>(const char *, const char *, const char *, const char *, const char *, const int *, float *, float2 *, float, float, float, float, unsigned int, float, int, int, int, int, int, int, int, int, int, int, int, long, int, int, long, int, int, int, int, int, long)', 14, 88_000],
  ['void mul_mat_vec_q<(ggml_type)14, (int)1, (bool)0>(const void *, const void *, const int *, float *, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int, unsigned int)', 8, 19_000],
  ['void rms_norm_f32<(int)1024, (bool)1, (bool)0>(const float *, float *, int, long, long, long, float, const float *, long, long, long, long)', 4, 3_600],
  ['void quantize_q8_1<(bool)0>(const float *, void *, long, long, long, long, long, long, int, int)', 3.5, 2_400],
  ['void rope_neox<(bool)1, (bool)0, float>(const float *, float *, int, int, int, int, int, const int *, float, float, float, rope_corr_dims, float, const float *, mrope_sections, bool)', 2.5, 2_900],
  ['void k_get_rows_float<float, float>(const T1 *, const int *, T2 *, long, long, long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long)', 1, 2_100],
];

const pytorch: readonly KernelEntry[] = [
  ['nvjet_tst_192x192_64x4_2x1_v_bz_coopB_TNN', 31, 254_000],
  ['void flash::flash_bwd_dq_dk_dv_loop_seqk_parallel_kernel<Flash_bwd_kernel_traits<(int)128, (int)64, (int)128, (int)8, (int)2, (int)4, (int)2, (bool)0, (bool)0, cutlass::bfloat16_t, Flash_kernel_traits<(int)128, (int)64, (int)128, (int)8, cutlass::bfloat16_t>>, (bool)1, (bool)0, (bool)0, (bool)0, (bool)0, (bool)1, (bool)0>(Flash_bwd_params)', 19, 1_920_000],
  ['void flash::flash_fwd_kernel<Flash_fwd_kernel_traits<(int)128, (int)128, (int)64, (int)4, (bool)0, (bool)0, cutlass::bfloat16_t, Flash_kernel_traits<(int)128, (int)128, (int)64, (int)4, cutlass::bfloat16_t>>, (bool)0, (bool)1, (bool)0, (bool)0, (bool)1, (bool)1, (bool)0, (bool)0>(Flash_fwd_params)', 11, 704_000],
  ['void at::native::vectorized_elementwise_kernel<(int)4, at::native::CUDAFunctor_add<c10::BFloat16>, std::array<char *, (unsigned long)3>>(int, T2, T3)', 9, 18_000],
  ['void at::native::(anonymous namespace)::cunn_SoftMaxForward<(int)4, c10::BFloat16, float, c10::BFloat16, at::native::(anonymous namespace)::SoftMaxForwardEpilogue>(T4 *, const T2 *, int)', 6, 92_000],
  ['void at::native::multi_tensor_apply_kernel<at::native::<unnamed>::TensorListMetadata<(int)4>, at::native::<unnamed>::FusedAdamMathFunctor<float, (int)4, (at::native::ADAM_MODE)1, (bool)0>, double *, double, double, double, double, double, bool, double *, double *>(T1, T2, T3...)', 5, 61_000],
  ['void at::native::reduce_kernel<(int)512, (int)1, at::native::ReduceOp<float, at::native::func_wrapper_t<float, at::native::sum_functor<float, float, float>::operator ()(at::TensorIterator &)::[lambda(float, float) (instance 1)]>, unsigned int, float, (int)4, (int)4>>(T3)', 3, 11_000],
];

const generic: readonly KernelEntry[] = [
  ['nvjet_tst_128x128_64x4_1x1_h_bz_NNT', 48, 120_000],
  ['void at::native::vectorized_elementwise_kernel<(int)4, at::native::FillFunctor<float>, std::array<char *, (unsigned long)1>>(int, T2, T3)', 21, 3_400],
  ['void at::native::elementwise_kernel<(int)128, (int)2, void at::native::gpu_kernel_impl_nocast<at::native::direct_copy_kernel_cuda(at::TensorIteratorBase &)::[lambda() (instance 3)]::operator ()() const::[lambda() (instance 12)]::operator ()() const::[lambda(float) (instance 1)]>(at::TensorIteratorBase &, const T1 &)::[lambda(int) (instance 1)]>(int, T3)', 18, 8_700],
  ['void at::native::reduce_kernel<(int)512, (int)1, at::native::ReduceOp<float, at::native::MeanOps<float, float, float, float>, unsigned int, float, (int)4, (int)4>>(T3)', 13, 9_800],
];

export const kernelsFor = (workload: NsysWorkload): readonly KernelEntry[] =>
  workload === 'vllm' || workload === 'sglang' ? vllm : workload === 'trtllm' ? trtllm : workload === 'llama.cpp' ? llamacpp : workload === 'pytorch' ? pytorch : generic;

/** Share of wall time the GPU runs kernels under each engine's steady load. */
export const gpuBusy: Record<NsysWorkload, number> = { vllm: 0.55, sglang: 0.55, trtllm: 0.6, 'llama.cpp': 0.5, pytorch: 0.8, generic: 0.3, cpu: 0, none: 0 };

/** [API name, calls per second, typical duration ns]. */
export type CallEntry = readonly [string, number, number];

export const cudaApiFor = (workload: NsysWorkload): readonly CallEntry[] => {
  const graphs = workload === 'vllm' || workload === 'sglang' || workload === 'trtllm' || workload === 'llama.cpp';
  return [
    ['cudaStreamSynchronize', 55, 9_800_000],
    ['cudaLaunchKernel', graphs ? 2_400 : 8_000, 4_200],
    ['cudaMemcpyAsync', 320, 35_000],
    ['cudaEventSynchronize', 20, 2_500_000],
    ['cudaEventRecord', 900, 2_100],
    ['cuLaunchKernelEx', 600, 5_600],
    ['cudaStreamIsCapturing', 1_500, 350],
    ['cudaMalloc', 0.2, 310_000],
    ...(graphs ? ([['cudaGraphLaunch', 180, 21_000]] as const) : []),
  ];
};

export const osRuntimeCalls: readonly CallEntry[] = [
  ['pthread_cond_timedwait', 40, 24_000_000],
  ['epoll_wait', 120, 7_500_000],
  ['poll', 200, 4_000_000],
  ['pthread_cond_wait', 10, 50_000_000],
  ['sem_timedwait', 5, 100_000_000],
  ['read', 900, 12_000],
  ['ioctl', 3_000, 6_000],
  ['write', 300, 9_000],
  ['mmap64', 2, 40_000],
  ['open64', 1, 30_000],
];

/** [range, instances per second, typical duration ns] — only engines that annotate with NVTX. */
export const nvtxRangesFor = (workload: NsysWorkload): readonly CallEntry[] =>
  workload === 'trtllm'
    ? [
        [':_executor_loop', 0.05, 9_000_000_000],
        [':_forward_step', 120, 6_200_000],
        [':_prepare_tp_inputs', 120, 450_000],
        [':_sample_async', 120, 380_000],
        [':_fetch_new_requests', 120, 60_000],
      ]
    : workload === 'pytorch'
      ? [
          [':forward', 2.5, 180_000_000],
          [':backward', 2.5, 340_000_000],
          [':optimizer_step', 2.5, 41_000_000],
        ]
      : [];

/** [operation, count per second, typical duration ns, typical MB]. */
export const memOps: ReadonlyArray<readonly [string, number, number, number]> = [
  ['[CUDA memcpy Host-to-Device]', 260, 14_000, 0.42],
  ['[CUDA memcpy Device-to-Host]', 130, 4_200, 0.004],
  ['[CUDA memset]', 410, 1_600, 0.9],
  ['[CUDA memcpy Device-to-Device]', 90, 2_900, 1.3],
];
