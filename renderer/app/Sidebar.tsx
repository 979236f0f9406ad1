import { PanelLeftClose, PanelLeftOpen, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store.js';
import { useNavStore } from '../state/nav-store.js';
import { pageIds, pages } from './pages.js';
import { DeviceActions } from './Welcome.js';
import { isMac } from './shortcuts.js';
import { Logo } from './Logo.js';
import { DeviceList } from '../devices/DeviceList.js';
import { useDevicesStore } from '../state/devices-store.js';
import { useAddDevice } from '../devices/add-device-store.js';

export const Sidebar = () => {
  const { t } = useTranslation();
  const page = useNavStore((s) => s.page);
  const go = useNavStore((s) => s.go);
  const collapsed = useAppStore((s) => s.sidebarCollapsed);
  const toggle = useAppStore((s) => s.toggleSidebar);
  const mod = isMac() ? '⌘' : 'Ctrl+';
  const navIds = pageIds.filter((id) => id !== 'settings');
  const hasDevices = useDevicesStore((s) => s.views.length > 0);
  const showAdd = useAddDevice((s) => s.show);

  return (
    <aside className="sidebar" data-collapsed={collapsed || undefined} aria-label={t('app.name')}>
      <div className="sidebar__brand">
        <Logo size={26} />
        {!collapsed && <span className="sidebar__title">{t('app.name')}</span>}
        <button
          type="button"
          className="icon-button sidebar__toggle"
          onClick={toggle}
          title={`${collapsed ? t('nav.expand') : t('nav.collapse')} (${mod}B)`}
          aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
        >
          {collapsed ? <PanelLeftOpen size={18} /> : <PanelLeftClose size={18} />}
        </button>
      </div>

      {collapsed && (
        <button type="button" className="icon-button sidebar__add" onClick={showAdd} title={`${t('devices.add')} (${mod}N)`} aria-label={t('devices.add')} data-testid="add-device-open">
          <Plus size={16} />
        </button>
      )}
      {!collapsed && (
        <section className="sidebar__section" aria-labelledby="devices-heading">
          <div className="sidebar__heading-row">
            <h2 id="devices-heading" className="sidebar__heading">
              {t('devices.title')}
            </h2>
            {hasDevices ? (
              <button type="button" className="icon-button small" onClick={showAdd} title={`${t('devices.add')} (${mod}N)`} aria-label={t('devices.add')} data-testid="add-device-open">
                <Plus size={14} />
              </button>
            ) : null}
          </div>
          {hasDevices ? (
            <DeviceList />
          ) : (
            <div className="sidebar__empty" data-testid="devices-empty">
              <p className="sidebar__empty-title">{t('devices.emptyTitle')}</p>
              <p className="muted small">{t('devices.emptyBody')}</p>
              <div className="stack-sm">
                <DeviceActions />
              </div>
            </div>
          )}
        </section>
      )}

      <nav className="sidebar__nav" aria-label={t('nav.workspace')}>
        {!collapsed && <h2 className="sidebar__heading">{t('nav.workspace')}</h2>}
        {navIds.map((id, index) => {
          const Icon = pages[id].icon;
          return (
            <button
              key={id}
              type="button"
              className="nav-item"
              aria-current={page === id ? 'page' : undefined}
              onClick={() => go(id)}
              title={index < 9 ? `${t(`nav.${id}`)} (${mod}${index + 1})` : t(`nav.${id}`)}
              data-testid={`nav-${id}`}
            >
              <Icon size={18} aria-hidden />
              {!collapsed && <span>{t(`nav.${id}`)}</span>}
            </button>
          );
        })}
      </nav>

      <div className="sidebar__footer">
        <button
          type="button"
          className="nav-item"
          aria-current={page === 'settings' ? 'page' : undefined}
          onClick={() => go('settings')}
          title={`${t('nav.settings')} (${mod},)`}
          data-testid="nav-settings"
        >
          <pages.settings.icon size={18} aria-hidden />
          {!collapsed && <span>{t('nav.settings')}</span>}
        </button>
      </div>
    </aside>
  );
};
