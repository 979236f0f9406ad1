/**
 * `nsys status --environment`: the prerequisite check, in the layout public transcripts show.
 * DGX OS ships perf_event_paranoid=4 (README gotcha 13): for a normal user perf is closed and
 * both CPU profiling environments fail; root passes.
 */
import type { SimIO } from '../../io.js';
import { isRoot } from './console.js';

export const perfParanoidLevel = 4;

export const environmentStatus = (io: SimIO, argv: readonly string[]): number => {
  if (!argv.includes('--environment') && !argv.includes('-e')) {
    // SYNTH: plain `nsys status` reports the CLI state; the layout was not captured.
    const collecting = io.read().nsysSessions.filter((s) => s.collecting).length;
    io.write(collecting > 0 ? `Collection is running in ${collecting} session(s).\n` : 'There are no active collections.\n');
    return 0;
  }
  const root = isRoot(io);
  const verdict = root ? 'OK' : 'Fail';
  io.write(
    [
      'Timestamp counter supported: Yes',
      '',
      'CPU Profiling Environment Check',
      `Root privilege: ${root ? 'enabled' : 'disabled'}`,
      `Linux Kernel Paranoid Level = ${perfParanoidLevel}`,
      'Linux Distribution = Ubuntu',
      `Linux Kernel Version = ${io.read().box.kernel}: OK`,
      `Linux perf_event_open syscall available: ${verdict}`,
      `Sampling trigger event available: ${verdict}`,
      'Intel(c) Last Branch Record support: Not Available',
      `CPU Profiling Environment (process-tree): ${verdict}`,
      `CPU Profiling Environment (system-wide): ${verdict}`,
      '',
      'See the product documentation at https://docs.nvidia.com/nsight-systems for more information,',
      'including information on how to set the Linux Kernel Paranoid Level.',
      '',
    ].join('\n'),
  );
  return 0;
};
