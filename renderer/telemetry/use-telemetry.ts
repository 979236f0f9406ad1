import { useEffect, useEffectEvent, useState } from 'react';
import type { TelemetrySample } from '../../src/domain/telemetry.js';
import type { DeviceTelemetry } from './hub.js';
import { followTelemetry, loadTelemetryDay, loadTelemetryHistory, setTelemetryWatch, telemetryHub, telemetryLimits } from './telemetry-store.js';

/**
 * Watches a box while the page is mounted, active (not paused, box connected) and the window is
 * visible: history first so live samples append after it (and fill what was missed while hidden),
 * then `telemetry:watch` on; off again on unmount, on pause and when the window is hidden, so the
 * box is not sampled for nobody.
 */
export const useTelemetryWatch = (deviceId: string, active: boolean) => {
  useEffect(() => followTelemetry(), []);
  useEffect(() => {
    // Not watching (paused, box offline) still shows what the laptop kept.
    if (!active) {
      void loadTelemetryHistory(deviceId);
      return;
    }
    // Bumped on every off, so a history answer that comes back after it does not turn watching on.
    let generation = 0;
    let on = false;
    const turnOn = async () => {
      const mine = ++generation;
      await loadTelemetryHistory(deviceId);
      if (mine !== generation || document.visibilityState === 'hidden') return;
      on = true;
      await setTelemetryWatch(deviceId, true);
    };
    const turnOff = () => {
      generation++;
      if (!on) return;
      on = false;
      void setTelemetryWatch(deviceId, false);
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? turnOff() : void turnOn());
    if (document.visibilityState !== 'hidden') void turnOn();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      turnOff();
    };
  }, [deviceId, active]);
};

/** While a 24-hour chart is shown: the kept minutes now, and the new ones every minute. */
export const useTelemetryDay = (deviceId: string, shown: boolean) => {
  useEffect(() => {
    if (!shown) return;
    void loadTelemetryDay(deviceId);
    const timer = setInterval(() => void loadTelemetryDay(deviceId), telemetryLimits.dayRefreshMs);
    return () => clearInterval(timer);
  }, [deviceId, shown]);
};

/**
 * Calls `listener` now (if samples are held) and after each frame with new samples; no re-render.
 * A change of `repaintKey` (e.g. new DOM cells to paint) calls it again at once.
 */
export const useTelemetryListener = (deviceId: string, listener: (device: DeviceTelemetry) => void, repaintKey?: unknown) => {
  const onSample = useEffectEvent(listener);
  useEffect(() => {
    const held = telemetryHub.peek(deviceId);
    if (held?.latest) onSample(held);
    return telemetryHub.subscribe(deviceId, (device) => onSample(device));
  }, [deviceId, repaintKey]);
};

const sameView = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A small view of the newest sample (formatted strings, short lists) as React state, refreshed at
 * most every `panelRefreshMs` and only when the view changed, so a table re-renders when what it
 * shows changes, not per sample.
 */
export const useSampleView = <T>(deviceId: string, view: (sample: TelemetrySample) => T): T | undefined => {
  const make = useEffectEvent(view);
  const [state, setState] = useState<{ deviceId: string; value: T } | undefined>(undefined);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer = undefined;
      last = performance.now();
      const sample = telemetryHub.peek(deviceId)?.latest;
      if (!sample) return;
      const value = make(sample);
      setState((prev) => (prev?.deviceId === deviceId && sameView(prev.value, value) ? prev : { deviceId, value }));
    };
    refresh();
    const off = telemetryHub.subscribe(deviceId, () => {
      if (timer !== undefined) return;
      timer = setTimeout(refresh, Math.max(0, last + telemetryLimits.panelRefreshMs - performance.now()));
    });
    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [deviceId]);
  return state?.deviceId === deviceId ? state.value : undefined;
};
