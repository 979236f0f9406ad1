/** The "system" family of simulated programs, by the name each is invoked as. */
import type { Program } from '../../io.js';
import { df } from './df.js';
import { free } from './free.js';
import { lscpu } from './lscpu.js';
import { nvcc } from './nvcc.js';
import { nvidiaSmi } from './nvidia-smi.js';
import { hostname, nproc, uptime } from './small-tools.js';
import { ss } from './ss.js';
import { systemctl } from './systemctl.js';
import { uname } from './uname.js';

export const systemPrograms: Record<string, Program> = {
  'nvidia-smi': nvidiaSmi,
  lscpu,
  df,
  uname,
  nvcc,
  free,
  nproc,
  hostname,
  uptime,
  ss,
  systemctl,
};
