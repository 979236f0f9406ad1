import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ConnectionStatus } from '../../src/domain/device.js';

export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'off';

export const statusTone = (status: ConnectionStatus): StatusTone => {
  switch (status.kind) {
    case 'connected':
      return 'ok';
    case 'connecting':
      return 'busy';
    case 'reconnecting':
      return 'warn';
    case 'failed':
      return 'error';
    case 'disconnected':
      return 'off';
  }
};

export const statusText = (t: TFunction, status: ConnectionStatus, now: number): string => {
  switch (status.kind) {
    case 'connected':
      return t('status.connected');
    case 'connecting':
      return t('status.connecting');
    case 'reconnecting':
      return t('status.reconnectingIn', { seconds: Math.max(0, Math.ceil((status.retryAt - now) / 1000)) });
    case 'failed':
      return t('status.failed');
    case 'disconnected':
      return t('status.disconnected');
  }
};

/** Re-renders once a second while a countdown is on screen. */
export const useNowWhile = (active: boolean): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
};
