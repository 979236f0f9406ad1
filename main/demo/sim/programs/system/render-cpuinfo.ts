/**
 * /proc/cpuinfo as arm64 prints it (arch/arm64/kernel/cpuinfo.c): no `model name`, only MIDR
 * fields — implementer 0x41 (Arm), part 0xd85 (Cortex-X925) or 0xd87 (Cortex-A725), r0p1.
 */
import { isBigCore, physics } from '../../dynamics.js';

/** The feature list lscpu shows for both clusters (lscpu-gb10.txt). */
export const gb10CpuFlags =
  'fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma lrcpc dcpop sha3 sm3 sm4 asimddp sha512 sve asimdfhm dit uscat ilrcpc flagm sb paca pacg dcpodp sve2 sveaes svepmull svebitperm svesha3 svesm4 flagm2 frint svei8mm svebf16 i8mm bf16 dgh bti ecv afp wfxt';

export const renderCpuinfo = (): string =>
  Array.from({ length: physics.cores }, (_, core) =>
    [
      `processor\t: ${core}`,
      'BogoMIPS\t: 2000.00',
      `Features\t: ${gb10CpuFlags}`,
      'CPU implementer\t: 0x41',
      'CPU architecture: 8',
      'CPU variant\t: 0x0',
      `CPU part\t: ${isBigCore(core) ? '0xd85' : '0xd87'}`,
      'CPU revision\t: 1',
      '',
      '',
    ].join('\n'),
  ).join('');
