/** `nproc`, `hostname` and `uptime` of the simulated box. */
import { loadAverage, physics, uptimeSeconds } from '../../dynamics.js';
import type { Program } from '../../io.js';
import { clockTime, isoSeconds } from './clock-format.js';

export const nproc: Program = async (io) => {
  let ignore = 0;
  let all = false;
  for (let i = 0; i < io.argv.length; i += 1) {
    const word = io.argv[i]!;
    if (word === '--all') all = true;
    else if (word.startsWith('--ignore=')) ignore = Number(word.slice(9));
    else if (word === '--ignore') ignore = Number(io.argv[++i]);
    else {
      io.error(`nproc: ${word.startsWith('--') ? `unrecognized option '${word}'` : `extra operand '${word}'`}\nTry 'nproc --help' for more information.\n`);
      return 1;
    }
  }
  if (!Number.isInteger(ignore) || ignore < 0) {
    io.error(`nproc: invalid number: '${String(ignore)}'\n`);
    return 1;
  }
  // Like coreutils, OMP_NUM_THREADS / OMP_THREAD_LIMIT cap the answer unless --all.
  const omp = Number(io.env['OMP_NUM_THREADS']?.split(',')[0]);
  const limit = Number(io.env['OMP_THREAD_LIMIT']);
  let n = all ? physics.cores : Number.isInteger(omp) && omp > 0 ? omp : physics.cores;
  if (!all && Number.isInteger(limit) && limit > 0) n = Math.min(n, limit);
  io.write(`${Math.max(1, n - ignore)}\n`);
  return 0;
};

/** Addresses `hostname -I` lists: 10GbE, Wi-Fi, docker0 (SYNTH; the probe redacted them). */
const addresses = ['192.168.1.57', '192.168.1.58', '172.17.0.1'] as const;

export const hostname: Program = async (io) => {
  const name = io.read().box.hostname;
  const [first] = io.argv;
  if (first === undefined || ['-s', '--short', '-f', '--fqdn', '--long', '-A', '--all-fqdns'].includes(first)) io.write(`${name}\n`);
  else if (first === '-I' || first === '--all-ip-addresses') io.write(`${addresses.join(' ')} \n`);
  else if (first === '-i' || first === '--ip-address') io.write('127.0.1.1\n');
  else if (first.startsWith('-')) {
    io.error(`hostname: invalid option -- '${first.slice(1, 2)}'\nTry 'hostname --help' or 'hostname --usage' for more information.\n`);
    return 1;
  } else {
    io.error('hostname: you must be root to change the host name\n');
    return 1;
  }
  return 0;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const uptime: Program = async (io) => {
  const state = io.read();
  const now = io.now();
  const seconds = Math.floor(uptimeSeconds(state, now));
  const minutesTotal = Math.floor(seconds / 60);
  const days = Math.floor(minutesTotal / 1440);
  const hours = Math.floor((minutesTotal % 1440) / 60);
  const minutes = minutesTotal % 60;
  const [flag] = io.argv;
  if (flag === '-s' || flag === '--since') {
    io.write(`${isoSeconds(state.bootedAt)}\n`);
    return 0;
  }
  if (flag === '-p' || flag === '--pretty') {
    const weeks = Math.floor(days / 7);
    const parts = [weeks > 0 ? plural(weeks, 'week') : '', days % 7 > 0 ? plural(days % 7, 'day') : '', hours > 0 ? plural(hours, 'hour') : '', minutes > 0 || (days === 0 && hours === 0) ? plural(minutes, 'minute') : ''].filter(Boolean);
    io.write(`up ${parts.join(', ')}\n`);
    return 0;
  }
  if (flag !== undefined) {
    io.error(`uptime: invalid option -- '${flag.slice(1, 2)}'\n\nUsage:\n uptime [options]\n`);
    return 1;
  }
  // procps-ng sprint_uptime(): " HH:MM:SS up [D days, ]H:MM|M min, N user,  load average: …"
  const up = `${days > 0 ? `${plural(days, 'day')}, ` : ''}${hours > 0 ? `${String(hours).padStart(2)}:${String(minutes).padStart(2, '0')}, ` : `${minutes} min, `}`;
  const users = 1;
  const load = loadAverage(state, now).map((v) => v.toFixed(2)).join(', ');
  io.write(` ${clockTime(now)} up ${up}${String(users).padStart(2)} ${users > 1 ? 'users' : 'user'},  load average: ${load}\n`);
  return 0;
};
