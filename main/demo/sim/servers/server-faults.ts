/**
 * Per-request faults of a simulated model server, for load tests that must count failures
 * (issue 10, Done-when 3). Each rate is the share of completion requests (0…1) that:
 * - http500: fail at once with HTTP 500 and vLLM's error body (an engine that died mid-run),
 * - dropStream: stream about half their tokens, then the connection is cut (a crashed server),
 * - stall: get their headers, then nothing, until the client gives up (a hung engine).
 * Set in the box state as `tuning.serverFaults`; absent, the server never fails on purpose.
 */
export interface ServerFaults {
  readonly http500?: number;
  readonly dropStream?: number;
  readonly stall?: number;
}

export type ServerFault = 'http500' | 'dropStream' | 'stall' | null;

/** Which fault (if any) a request meets, from one draw in [0, 1): the rates stack in that order. */
export const pickFault = (faults: ServerFaults | undefined, draw: number): ServerFault => {
  if (!faults) return null;
  let edge = faults.http500 ?? 0;
  if (draw < edge) return 'http500';
  edge += faults.dropStream ?? 0;
  if (draw < edge) return 'dropStream';
  edge += faults.stall ?? 0;
  if (draw < edge) return 'stall';
  return null;
};

/** vLLM's answer when its engine died (EngineDeadError), as a captured reply shows it. */
export const internalErrorBody = { error: { message: 'EngineCore encountered an issue. See stack trace (above) for the root cause.', type: 'InternalServerError', param: null, code: 500 } } as const;
