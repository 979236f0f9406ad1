/**
 * The simulated `nvcc`: `--version`/`-V` exactly as CUDA 13.0 on DGX OS prints it (captures
 * §2.7), and nvcc's own fatal errors for everything it would compile. Compiling is not simulated.
 */
import type { Program } from '../../io.js';

/** Build lines per CUDA release; 13.0 is the GB10 capture, others fall back to its shape. */
const builds: Readonly<Record<string, { readonly builtOn: string; readonly version: string; readonly build: string }>> = {
  '13.0': { builtOn: 'Wed_Aug_20_01:57:39_PM_PDT_2025', version: 'V13.0.88', build: 'cuda_13.0.r13.0/compiler.36424714_0' },
};

export const nvccVersionText = (cuda: string): string => {
  const build = builds[cuda] ?? { builtOn: 'Wed_Aug_20_01:57:39_PM_PDT_2025', version: `V${cuda}.0`, build: `cuda_${cuda}.r${cuda}/compiler.36424714_0` };
  return [
    'nvcc: NVIDIA (R) Cuda compiler driver',
    'Copyright (c) 2005-2025 NVIDIA Corporation',
    `Built on ${build.builtOn}`,
    `Cuda compilation tools, release ${cuda}, ${build.version}`,
    `Build ${build.build}`,
    '',
  ].join('\n');
};

export const nvcc: Program = async (io) => {
  if (io.argv.includes('--version') || io.argv.includes('-V')) {
    io.write(nvccVersionText(io.read().box.cudaVersion));
    return 0;
  }
  const inputs = io.argv.filter((word, i) => !word.startsWith('-') && !['-o', '-arch', '-gencode', '-I', '-L', '-l'].includes(io.argv[i - 1] ?? ''));
  if (inputs.length === 0) {
    io.error('nvcc fatal   : No input files specified; use option --help for more information\n');
    return 1;
  }
  const missing = inputs.find((file) => !io.fs.exists(io.fs.resolve(file, io.cwd)));
  io.error(missing !== undefined ? `nvcc fatal   : Could not open input file '${missing}'\n` : 'nvcc fatal   : Compilation is not available on the simulated box\n');
  return 1;
};
