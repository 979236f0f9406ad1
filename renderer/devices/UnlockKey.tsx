import { useState } from 'react';
import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge/bridge.js';
import { useDevicesStore } from '../state/devices-store.js';

/** Shown when a box's key file needs its passphrase: typed once per session, or remembered. */
export const UnlockKey = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = useDevicesStore((s) => s.load);
  return (
    <form
      className="unlock row"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        void bridge()
          .call('devices:unlock', { deviceId, passphrase, remember })
          .then(() => {
            setBusy(false);
            setPassphrase('');
            return load();
          });
      }}
    >
      <KeyRound size={14} aria-hidden />
      <input type="password" aria-label={t('addDevice.passphrase')} placeholder={t('addDevice.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
      <label className="checkbox small">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t('addDevice.remember')}
      </label>
      <button type="submit" className="button small" disabled={!passphrase || busy}>
        {t('status.unlock')}
      </button>
    </form>
  );
};
