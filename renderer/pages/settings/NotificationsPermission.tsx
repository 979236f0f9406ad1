import { BellRing } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationPermission, requestNotificationPermission } from '../../alerts/notify.js';

/**
 * Whether alerts may reach the desktop. Electron grants it (main's permission handler); a browser
 * asks the user once, and only a click may ask.
 */
export const NotificationsPermission = ({ labelId }: { labelId: string }) => {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(notificationPermission);

  useEffect(() => {
    // The user may change it in the browser's site settings while this page is open.
    const refresh = () => setPermission(notificationPermission());
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);

  return (
    <div className="row" role="group" aria-labelledby={labelId}>
      <button
        type="button"
        className="button"
        disabled={permission === 'granted' || permission === 'unsupported'}
        onClick={() => void requestNotificationPermission().then(setPermission)}
        data-testid="notifications-request"
      >
        <BellRing size={16} aria-hidden /> {t('settings.notificationsAllow')}
      </button>
      <span className="small muted" role="status" data-testid="notifications-permission" data-permission={permission}>
        {t(`settings.permission.${permission}`)}
      </span>
    </div>
  );
};
