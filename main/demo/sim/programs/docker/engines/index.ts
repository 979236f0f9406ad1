import type { WorkloadKind } from '../../../state.js';
import { planJupyter, planLlamaFactory, planLlamaServer, planOllama, planOpenWebui } from './apps.js';
import type { LogEntry } from '../container-log.js';
import { type EnginePlan, type PlanContext, idlePlan, uvicornStopLines } from './plan.js';
import { planSglang } from './sglang.js';
import { planTrtllm } from './trtllm.js';
import { planVllm } from './vllm.js';

export type { EnginePlan, PlanContext } from './plan.js';

/**
 * Share of tuning.serverReadyMs each server takes to answer: engines load a model for the whole
 * of it; Ollama and the web apps are up in a fraction (they load nothing at start).
 */
export const readyShare: Readonly<Record<WorkloadKind, number>> = {
  vllm: 1,
  trtllm: 1,
  sglang: 1,
  'llama-server': 0.5,
  ollama: 0.1,
  jupyter: 0.15,
  'open-webui': 0.4,
  llamafactory: 0.3,
  pytorch: 0,
  generic: 0,
  // Never a container's workload (the box runs it from boot).
  'dgx-dashboard': 0,
};

/** What the server workload of a container does when it starts. */
export const planServer = (ctx: PlanContext): EnginePlan => {
  switch (ctx.args.kind) {
    case 'vllm':
      return planVllm(ctx);
    case 'trtllm':
      return planTrtllm(ctx);
    case 'sglang':
      return planSglang(ctx);
    case 'llama-server':
      return planLlamaServer(ctx);
    case 'ollama':
      return planOllama(ctx);
    case 'jupyter':
      return planJupyter(ctx);
    case 'open-webui':
      return planOpenWebui(ctx);
    case 'llamafactory':
      return planLlamaFactory(ctx);
    case 'pytorch':
    case 'generic':
    case 'dgx-dashboard':
      return idlePlan();
  }
};

/** What a server prints when `docker stop` sends it SIGTERM (nothing for a plain process). */
export const stopLinesFor = (kind: WorkloadKind, serving: boolean): ((at: number) => LogEntry[]) => {
  if (!serving) return () => [];
  switch (kind) {
    case 'vllm':
      return uvicornStopLines('(APIServer pid=1) ', 1);
    case 'trtllm':
      return uvicornStopLines('', 41);
    case 'sglang':
    case 'open-webui':
      return uvicornStopLines('', 1);
    case 'llama-server':
      return (time) => [{ time, stream: 'stderr', text: 'srv    operator(): operator(): cleaning up before exit...' }];
    case 'jupyter':
      return (time) => {
        const stamp = new Date(time).toISOString().replace('T', ' ').slice(0, 23);
        return [
          { time, stream: 'stderr', text: `[C ${stamp} ServerApp] received signal 15, stopping` },
          { time, stream: 'stderr', text: `[I ${stamp} ServerApp] Shutting down 4 extensions` },
        ];
      };
    default:
      return () => [];
  }
};
