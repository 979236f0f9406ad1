/**
 * A container whose command runs under `nsys launch --session-new=NAME … SERVER` (the review's
 * way of profiling TRT-LLM from launch): the server starts as usual, and the session is live
 * for `docker exec C nsys start/stop --session=NAME` while the container runs. Sessions carry
 * the container id; nsys drops them once that container no longer runs.
 */
import type { SimIO } from '../../io.js';
import type { SimContainer } from '../../state.js';
import { parseCollection } from '../nsys/collection.js';
import { parseNsysOptions } from '../nsys/options.js';
import { processCommands } from './workload.js';

const base = (word: string | undefined): string => (word ?? '').split('/').pop() ?? '';

/** Registers the launch session of a container started with `nsys launch …` (no-op otherwise). */
export const registerNsysLaunch = (io: SimIO, container: SimContainer, argv: readonly string[]): void => {
  const words = processCommands(argv).find((c) => base(c[0]) === 'nsys' && c[1] === 'launch');
  if (!words) return;
  const parsed = parseNsysOptions(words.slice(2), true);
  if (!parsed.ok || parsed.options.command.length === 0) return;
  const request = parseCollection(parsed.options.values);
  if (!request.ok) return;
  io.update((s, now) => {
    const pid = s.nextPid;
    s.nextPid += 1;
    const name = parsed.options.values.get('--session-new') ?? `profile-${pid}`;
    s.nsysSessions = s.nsysSessions.filter((x) => x.name !== name);
    s.nsysSessions.push({ name, launchedCommand: parsed.options.command.join(' '), createdAt: now, collecting: false, collectionStartedAt: undefined, output: undefined, pid, kind: 'launch', collection: request.collection, containerId: container.id });
  });
};
