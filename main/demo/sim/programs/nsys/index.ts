/**
 * The simulated `nsys` (Nsight Systems CLI). `createNsysPrograms(lookup)` lets the integrator
 * hand in the full program registry, so `nsys profile <any simulated program>` runs it; the
 * default `nsysPrograms` knows this family's own programs (llama.cpp tools, downloads).
 */
import type { Program, SimIO } from '../../io.js';
import { downloadPrograms } from '../downloads/index.js';
import { llamacppPrograms, pythonScripts } from '../llamacpp/index.js';
import { usageLine } from './options.js';
import { nsysProfile } from './profile.js';
import { nsysCancel, pruneContainerSessions, nsysLaunch, nsysSessionsList, nsysShutdown, nsysStart, nsysStop } from './sessions.js';
import { nsysExport, nsysStats } from './stats.js';
import { environmentStatus } from './status.js';
import type { ProgramLookup } from './target.js';

const usage = `usage: nsys [--version] [--help] <command> [<args>] [application] [<application args>]

 The most commonly used nsys commands are:
	profile       Run an application and capture its profile into a nsys-rep file.
	launch        Launch an application ready to be profiled.
	start         Start a profiling session.
	stop          Stop a profiling session and capture its profile into a nsys-rep file.
	cancel        Cancel a profiling session and discard any collected data.
	stats         Generate statistics from an existing nsys-rep or SQLite file.
	status        Provide current status of CLI or the collection environment.
	shutdown      Disconnect launched processes from the profiler and shutdown the profiler.
	sessions list List active sessions.
	export        Generate an export file from an existing nsys-rep file.

 Use 'nsys --help <command>' for more information about a specific command.
`;

const nsys =
  (lookup: ProgramLookup): Program =>
  async (io: SimIO) => {
    const [command, ...rest] = io.argv;
    pruneContainerSessions(io);
    switch (command) {
      case '--version':
      case '-v':
        io.write(`NVIDIA Nsight Systems version ${io.read().box.nsysVersion}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
        io.write(usage);
        return 0;
      case 'profile':
        return nsysProfile(io, rest, lookup);
      case 'launch':
        return nsysLaunch(io, rest, lookup);
      case 'start':
        return nsysStart(io, rest);
      case 'stop':
        return nsysStop(io, rest);
      case 'cancel':
        return nsysCancel(io, rest);
      case 'shutdown':
        return nsysShutdown(io, rest);
      case 'sessions':
        return nsysSessionsList(io, rest);
      case 'stats':
        return nsysStats(io, rest);
      case 'export':
        return nsysExport(io, rest);
      case 'status':
        return environmentStatus(io, rest);
      default:
        io.error(`nsys: '${command}' is not a valid command.${usageLine('--help')}`);
        return 1;
    }
  };

/** This family's own programs; python scripts answer to `python:<script>`. */
export const familyLookup: ProgramLookup = (name) =>
  name.startsWith('python:') ? pythonScripts[name.slice('python:'.length)] : (llamacppPrograms[name] ?? downloadPrograms[name]);

export const createNsysPrograms = (lookup: ProgramLookup = familyLookup): Record<string, Program> => ({ nsys: nsys(lookup) });

export const nsysPrograms: Record<string, Program> = createNsysPrograms();
