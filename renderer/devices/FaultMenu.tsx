import { useCallback, useEffect, useRef, useState } from 'react';
import { Bug } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDismiss } from '../components/use-dismiss.js';
import type { FaultName } from '../../src/domain/faults.js';
import { bridge } from '../bridge/bridge.js';

interface FaultState {
  readonly fault: FaultName;
  readonly on: boolean;
}

/**
 * The demo box's fault switches: see how every screen behaves when docker is missing, the disk
 * is full or the connection drops, without breaking a real machine.
 */
export const FaultMenu = () => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [faults, setFaults] = useState<FaultState[]>([]);
  const [error, setError] = useState<string | undefined>();
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    void bridge()
      .call('demo:faults', {})
      .then((result) => (result.ok ? setFaults(result.value) : setError(`${result.error.message} ${result.error.hint}`)));
  }, [open]);
  useDismiss(open, root, close);

  const toggle = async (fault: FaultName, on: boolean) => {
    const result = await bridge().call('demo:set-fault', { fault, on });
    if (result.ok) setFaults(result.value);
    else setError(`${result.error.message} ${result.error.hint}`);
  };

  const active = faults.filter((f) => f.on).length;
  return (
    <div className="fault-menu" ref={root}>
      <button type="button" className="button button--ghost small" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)} data-testid="fault-menu">
        <Bug size={14} aria-hidden /> {t('faults.menu')}
        {active > 0 ? <span className="badge badge--warn">{active}</span> : null}
      </button>
      {open ? (
        <div className="fault-menu__panel" role="menu">
          <p className="muted small">{t('faults.explain')}</p>
          {error ? (
            <p className="small" role="alert">
              {error}
            </p>
          ) : null}
          {faults.map(({ fault, on }) => (
            <label key={fault} className="fault-menu__item" role="menuitemcheckbox" aria-checked={on}>
              <input type="checkbox" checked={on} onChange={(event) => void toggle(fault, event.target.checked)} />
              <span>
                <strong>{t(`faults.names.${fault}`)}</strong>
                <span className="muted small">{t(`faults.details.${fault}`)}</span>
              </span>
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
};
