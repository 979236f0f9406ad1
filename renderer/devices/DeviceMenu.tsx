import { useCallback, useRef, useState } from 'react';
import { ArrowDown, ArrowUp, KeyRound, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDismiss } from '../components/use-dismiss.js';
import type { Device } from '../../src/domain/device.js';
import { Dialog } from '../components/Dialog.js';
import { useDevicesStore } from '../state/devices-store.js';

/** The ⋯ menu of a device row: rename, reorder, forget its host key, remove. */
export const DeviceMenu = ({ device, label, onRename }: { device: Device; label: string; onRename: () => void }) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [forgetSecrets, setForgetSecrets] = useState(true);
  const { move, forgetHostKey, remove } = useDevicesStore();
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);

  useDismiss(open, root, close);

  const item = (icon: typeof Pencil, text: string, action: () => void, testId?: string) => {
    const Icon = icon;
    return (
      <button
        type="button"
        role="menuitem"
        className="menu__item"
        data-testid={testId}
        onClick={() => {
          setOpen(false);
          action();
        }}
      >
        <Icon size={14} aria-hidden /> {text}
      </button>
    );
  };

  return (
    <div className="device-menu" ref={root}>
      <button type="button" className="icon-button device-row__more" aria-haspopup="menu" aria-expanded={open} aria-label={`${t('deviceMenu.open')}: ${label}`} onClick={() => setOpen(!open)}>
        <MoreHorizontal size={14} />
      </button>
      {open ? (
        <div className="menu" role="menu">
          {device.kind !== 'demo' ? item(Pencil, t('deviceMenu.rename'), onRename, 'menu-rename') : null}
          {item(ArrowUp, t('deviceMenu.moveUp'), () => void move(device.id, -1))}
          {item(ArrowDown, t('deviceMenu.moveDown'), () => void move(device.id, 1))}
          {device.kind !== 'demo' ? item(KeyRound, t('deviceMenu.forgetKey'), () => void forgetHostKey(device.id), 'menu-forget-key') : null}
          {item(Trash2, t('deviceMenu.remove'), () => (device.kind === 'demo' ? void remove(device.id) : setConfirming(true)), 'menu-remove')}
        </div>
      ) : null}
      <Dialog open={confirming} title={t('deviceMenu.removeConfirm', { name: label })} onClose={() => setConfirming(false)}>
        <label className="checkbox">
          <input type="checkbox" checked={forgetSecrets} onChange={(e) => setForgetSecrets(e.target.checked)} /> {t('deviceMenu.forgetSecrets')}
        </label>
        <div className="row">
          <button
            type="button"
            className="button button--danger"
            data-testid="remove-confirm"
            onClick={() => {
              setConfirming(false);
              void remove(device.id, forgetSecrets);
            }}
          >
            {t('deviceMenu.removeNow')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </div>
  );
};
