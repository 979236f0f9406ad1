/**
 * Readiness through the server's tunnel (what the laptop will use): /health answers 200, then
 * /v1/models lists the served name, so the name clients send is known to work.
 */
import { probeHealth } from '../apps/health-probe.js';
import type { ServeReadiness } from '../../../src/recipes/serve/serve-engines.js';

export const serveProbeLimits = {
  /** One probe's wait; an engine under load still answers /health within this. */
  requestTimeoutMs: 5_000,
} as const;

export type ReadinessStep = { readonly kind: 'not-up'; readonly reason: string } | { readonly kind: 'healthy-no-model'; readonly reason: string } | { readonly kind: 'ready' };

const listsModel = (body: unknown, served: string | null): boolean => {
  const data = body !== null && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : null;
  if (!Array.isArray(data)) return false;
  return served === null ? data.length > 0 : data.some((m: unknown) => m !== null && typeof m === 'object' && (m as { id?: unknown }).id === served);
};

export const probeReadiness = async (localPort: number, readiness: ServeReadiness, servedModelName: string | null): Promise<ReadinessStep> => {
  const health = await probeHealth(localPort, { path: readiness.healthPath, accept: 'ok', requestTimeoutMs: serveProbeLimits.requestTimeoutMs });
  if (!health.healthy) return { kind: 'not-up', reason: health.reason };
  try {
    const response = await fetch(`http://127.0.0.1:${localPort}${readiness.modelsPath}`, { signal: AbortSignal.timeout(serveProbeLimits.requestTimeoutMs) });
    if (!response.ok) return { kind: 'healthy-no-model', reason: `${readiness.modelsPath} answered HTTP ${response.status}` };
    return listsModel(await response.json(), servedModelName) ? { kind: 'ready' } : { kind: 'healthy-no-model', reason: `${readiness.modelsPath} does not list ${servedModelName ?? 'a model'} yet` };
  } catch (error) {
    return { kind: 'healthy-no-model', reason: error instanceof Error ? error.message : String(error) };
  }
};
