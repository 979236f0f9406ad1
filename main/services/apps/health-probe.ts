/**
 * One health probe: an HTTP GET to the app's health path through its tunnel (so it tests what the
 * user will open: the box port, the forward and the app). Redirects are not followed: a login
 * redirect is an answer.
 */
import { request } from 'node:http';
import type { HealthProbe } from '../../../src/recipes/app-health.js';

export type ProbeResult = { readonly healthy: true; readonly status: number } | { readonly healthy: false; readonly status: number | null; readonly reason: string };

export const probeHealth = (localPort: number, probe: Pick<HealthProbe, 'path' | 'accept' | 'requestTimeoutMs'>): Promise<ProbeResult> =>
  new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: localPort, path: probe.path, method: 'GET', timeout: probe.requestTimeoutMs, headers: { accept: '*/*', connection: 'close' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      const healthy = probe.accept === 'ok' ? status >= 200 && status < 300 : status > 0 && status < 500;
      resolve(healthy ? { healthy, status } : { healthy, status, reason: `${probe.path} answered HTTP ${status}` });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${Math.round(probe.requestTimeoutMs / 1000)} s`)));
    req.on('error', (error) => resolve({ healthy: false, status: null, reason: (error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.message === 'socket hang up' ? 'nothing answers on its port yet' : error.message }));
    req.end();
  });
