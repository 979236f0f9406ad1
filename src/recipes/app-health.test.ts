import { describe, expect, it } from 'vitest';
import { appHealthTiming, healthProbeFor, ollamaServiceStartCommand, ollamaServiceStatusCommand, readServiceState } from './app-health.js';
import { appStartupMs } from './app-specs.js';

describe('healthProbeFor', () => {
  it('probes each app where it answers without a login, judged as it answers', () => {
    expect(healthProbeFor('jupyterlab', 8888, '/api')).toEqual({ port: 8888, path: '/api', accept: 'any-answer', intervalMs: 1000, requestTimeoutMs: 3000, startupMs: 120_000 });
    expect(healthProbeFor('ollama', 11434, '/api/version')).toMatchObject({ accept: 'ok', startupMs: 60_000 });
    expect(healthProbeFor('open-webui', 8080, '/health')).toMatchObject({ accept: 'ok', startupMs: 300_000 });
    expect(healthProbeFor('dgx-dashboard', 11000, '/')).toMatchObject({ accept: 'any-answer', startupMs: 10_000 });
    expect(healthProbeFor('custom', 9000, '/x')).toMatchObject({ accept: 'any-answer', startupMs: appStartupMs.custom });
    expect(healthProbeFor('custom', 9000, '/x', 5_000)).toMatchObject({ startupMs: 5_000, intervalMs: appHealthTiming.intervalMs });
  });
});

describe('the Ollama service', () => {
  it('is asked with systemctl, and started with sudo by the user', () => {
    expect(ollamaServiceStatusCommand).toBe('systemctl is-active ollama');
    expect(ollamaServiceStartCommand).toBe('sudo systemctl enable --now ollama');
  });

  it('reads systemctl is-active', () => {
    expect(readServiceState('active\n')).toBe('active');
    expect(readServiceState('reloading\n')).toBe('active');
    expect(readServiceState('inactive\n')).toBe('inactive');
    expect(readServiceState('failed\n')).toBe('failed');
    expect(readServiceState('activating\n')).toBe('activating');
    expect(readServiceState('')).toBe('unknown');
    expect(readServiceState('bash: line 1: systemctl: command not found\n')).toBe('unknown');
  });
});
