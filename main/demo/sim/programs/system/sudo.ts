/**
 * `sudo [-n] COMMAND [ARG…]`: the demo user may run any simulated program as root without a
 * password (NOPASSWD, as many lab boxes are set up), so `sudo -n nsys profile --sample=system-wide …`
 * works. Programs see USER=root (nsys then samples CPUs without the perf_event_paranoid warnings).
 */
import type { Program } from '../../io.js';

export const makeSudo =
  (lookup: (name: string) => Program | undefined): Program =>
  async (io) => {
    let i = 0;
    while (io.argv[i] === '-n' || io.argv[i] === '-E' || io.argv[i] === '--') i += 1;
    const [name, ...args] = io.argv.slice(i);
    if (name === undefined || name.startsWith('-')) {
      io.error('usage: sudo [-n] command [arg ...]\n');
      return 1;
    }
    const program = lookup(name.split('/').pop() ?? name);
    if (!program) {
      io.error(`sudo: ${name}: command not found\n`);
      return 1;
    }
    return program({ ...io, program: name, argv: args, env: { ...io.env, USER: 'root', HOME: '/root', SUDO_USER: io.env['USER'] ?? 'demo' } });
  };
