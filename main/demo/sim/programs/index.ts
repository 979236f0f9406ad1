/**
 * Every simulated program by the name it is invoked as. The families are written apart; here
 * they are merged, and the two programs that run other programs (docker's containers, nsys's
 * profiled application) are handed the whole registry, so `docker exec NAME nvidia-smi` and
 * `nsys profile llama-quantize …` run the simulated tools.
 */
import type { Program, SimIO } from '../io.js';
import { makeDockerProgram } from './docker/index.js';
import { downloadPrograms } from './downloads/index.js';
import { llamacppPrograms, pythonScripts } from './llamacpp/index.js';
import { createNsysPrograms } from './nsys/index.js';
import { systemPrograms } from './system/index.js';
import { makeSudo } from './system/sudo.js';
import { ollamaPrograms } from './ollama/index.js';
import { llamafactoryPrograms } from './llamafactory/index.js';

const scriptName = (path: string): string => path.split('/').pop() ?? path;

/**
 * `python3 SCRIPT.py ARGS…` for the scripts the simulator knows (llama.cpp's converter). Any
 * other script is not on the box: python's own message for a missing file.
 */
const python3: Program = async (io: SimIO) => {
  // -u (unbuffered output) changes nothing here: the simulated scripts write as they go.
  const [script, ...args] = io.argv[0] === '-u' ? io.argv.slice(1) : io.argv;
  if (script === undefined || script.startsWith('-')) {
    io.error('demo box: only `python3 SCRIPT.py …` for the scripts PGX Companion runs is simulated here.\n');
    return 2;
  }
  const program = pythonScripts[scriptName(script)];
  if (!program || !io.fs.exists(script)) {
    io.error(`python3: can't open file '${io.fs.resolve(script)}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  return program({ ...io, program: script, argv: args });
};

export const programs: Record<string, Program> = {
  ...systemPrograms,
  ...downloadPrograms,
  ...llamacppPrograms,
  ...ollamaPrograms,
  ...llamafactoryPrograms,
  python3,
};

programs['docker'] = makeDockerProgram({ programs: () => programs });
programs['sudo'] = makeSudo((name) => programs[name]);
Object.assign(
  programs,
  createNsysPrograms((name) => (name.startsWith('python:') ? pythonScripts[name.slice('python:'.length)] : programs[name])),
);
