/**
 * The simulated `uname` (coreutils, Ubuntu build: -p and -i print the machine, so -a shows
 * `aarch64 aarch64 aarch64`, as in gb10-host-probe.txt).
 */
import type { Program } from '../../io.js';
import type { SimState } from '../../state.js';

type Part = 's' | 'n' | 'r' | 'v' | 'm' | 'p' | 'i' | 'o';
const order: readonly Part[] = ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'];
const long: Readonly<Record<string, Part | 'a'>> = {
  '--all': 'a',
  '--kernel-name': 's',
  '--nodename': 'n',
  '--kernel-release': 'r',
  '--kernel-version': 'v',
  '--machine': 'm',
  '--processor': 'p',
  '--hardware-platform': 'i',
  '--operating-system': 'o',
};

/**
 * `#14-Ubuntu SMP PREEMPT_DYNAMIC Tue Mar 17 19:01:40 UTC 2026` for 6.17.0-1014-nvidia: Ubuntu's
 * upload number follows the ABI number's last digits; the build date is the capture's.
 */
export const kernelVersion = (state: SimState): string => {
  const abi = /-(\d+)-/.exec(state.box.kernel)?.[1] ?? '1';
  return `#${Number(abi) % 1000}-Ubuntu SMP PREEMPT_DYNAMIC Tue Mar 17 19:01:40 UTC 2026`;
};

const value = (part: Part, state: SimState): string => {
  switch (part) {
    case 's':
      return 'Linux';
    case 'n':
      return state.box.hostname;
    case 'r':
      return state.box.kernel;
    case 'v':
      return kernelVersion(state);
    case 'm':
    case 'p':
    case 'i':
      return 'aarch64';
    case 'o':
      return 'GNU/Linux';
  }
};

const usage = "Try 'uname --help' for more information.\n";

export const uname: Program = async (io) => {
  const parts = new Set<Part>();
  for (const word of io.argv) {
    if (word === '--version') {
      io.write('uname (GNU coreutils) 9.4\n');
      return 0;
    }
    if (word.startsWith('--')) {
      const part = long[word];
      if (!part) {
        io.error(`uname: unrecognized option '${word}'\n${usage}`);
        return 1;
      }
      if (part === 'a') order.forEach((p) => parts.add(p));
      else parts.add(part);
    } else if (word.startsWith('-') && word.length > 1) {
      for (const letter of word.slice(1)) {
        if (letter === 'a') order.forEach((p) => parts.add(p));
        else if ((order as readonly string[]).includes(letter)) parts.add(letter as Part);
        else {
          io.error(`uname: invalid option -- '${letter}'\n${usage}`);
          return 1;
        }
      }
    } else {
      io.error(`uname: extra operand '${word}'\n${usage}`);
      return 1;
    }
  }
  if (parts.size === 0) parts.add('s');
  const state = io.read();
  io.write(`${order.filter((p) => parts.has(p)).map((p) => value(p, state)).join(' ')}\n`);
  return 0;
};
