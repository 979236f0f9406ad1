import { FileKey, KeyRound, Loader2, Network, RefreshCw, ShieldAlert, ShieldCheck, Wifi } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog.js';
import { ErrorNotice } from '../components/Notice.js';
import { useAppStore } from '../state/app-store.js';
import { useAddDevice, type AuthKind } from './add-device-store.js';

const authKinds: ReadonlyArray<{ kind: AuthKind; icon: typeof KeyRound }> = [
  { kind: 'password', icon: KeyRound },
  { kind: 'key-file', icon: FileKey },
  { kind: 'agent', icon: Network },
];

/** Finding the box: what mDNS heard, what ~/.ssh/config lists. A click fills the form. */
const Sources = () => {
  const { t } = useTranslation();
  const { discovered, discovering, imported, discover, edit } = useAddDevice();
  return (
    <div className="add-device__sources">
      <section aria-labelledby="found-heading">
        <div className="add-device__source-head">
          <h3 id="found-heading">
            <Wifi size={14} aria-hidden /> {t('addDevice.onNetwork')}
          </h3>
          <button type="button" className="button button--ghost small" onClick={() => void discover()} disabled={discovering} data-testid="discover-refresh">
            {discovering ? <Loader2 size={14} className="spin" aria-hidden /> : <RefreshCw size={14} aria-hidden />} {t('addDevice.refresh')}
          </button>
        </div>
        {discovering && !discovered?.length ? (
          <p className="muted small" role="status">
            {t('addDevice.looking')}
          </p>
        ) : null}
        {discovered && discovered.length === 0 && !discovering ? <p className="muted small">{t('addDevice.noneFound')}</p> : null}
        <ul className="pick-list" data-testid="discovered">
          {(discovered ?? []).map((box) => (
            <li key={box.host}>
              <button type="button" className="pick" onClick={() => edit({ host: box.host, port: String(box.port), name: box.name, jump: [] })}>
                <strong>{box.name}</strong>
                <span className="muted small">
                  {box.host}:{box.port} {box.addresses[0] ? `· ${box.addresses[0]}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {imported && imported.length > 0 ? (
        <section aria-labelledby="config-heading">
          <h3 id="config-heading">{t('addDevice.fromConfig')}</h3>
          <ul className="pick-list" data-testid="imported">
            {imported.map((host) => (
              <li key={host.alias}>
                <button
                  type="button"
                  className="pick"
                  onClick={() =>
                    edit({
                      name: host.alias,
                      host: host.host,
                      port: String(host.port),
                      user: host.user,
                      jump: host.jump,
                      ...(host.identityFile ? { authKind: 'key-file' as const, keyPath: host.identityFile } : {}),
                    })
                  }
                >
                  <strong>{host.alias}</strong>
                  <span className="muted small">
                    {host.user}@{host.host}:{host.port}
                    {host.jump.length > 0 ? ` ${t('addDevice.via', { hops: host.jump.map((j) => j.host).join(' → ') })}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
};

const HostKeyQuestion = () => {
  const { t } = useTranslation();
  const { probe, accept, close, busy } = useAddDevice();
  if (!probe) return null;
  const { check } = probe;
  if (check.kind === 'unknown') {
    return (
      <div className="host-key" role="group" aria-label={t('addDevice.checkKey')} data-testid="host-key-prompt">
        <ShieldCheck size={20} aria-hidden />
        <div>
          <p>{t('addDevice.firstTime', { host: probe.port === 22 ? probe.host : `${probe.host}:${probe.port}`, type: check.presented.keyType })}</p>
          <code className="fingerprint" data-testid="fingerprint">
            {check.presented.fingerprint}
          </code>
          <p className="muted small">{t('addDevice.compare')}</p>
          <pre className="command">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</pre>
          <div className="row">
            <button type="button" className="button button--primary" onClick={() => void accept()} disabled={busy !== undefined} data-testid="accept-key">
              {t('addDevice.trust')}
            </button>
            <button type="button" className="button" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="host-key host-key--danger" role="alert" data-testid="host-key-refused">
      <ShieldAlert size={20} aria-hidden />
      <div>
        <p>{check.kind === 'revoked' ? t('addDevice.revoked', { fingerprint: check.presented.fingerprint }) : t('addDevice.changed', { host: probe.host, fingerprint: check.presented.fingerprint })}</p>
        {check.kind === 'changed' ? <p className="muted small">{check.source === 'app' ? t('addDevice.changedApp') : t('addDevice.changedOpenssh', { command: `ssh-keygen -R ${probe.port === 22 ? probe.host : `'[${probe.host}]:${probe.port}'`}` })}</p> : null}
      </div>
    </div>
  );
};

export const AddDeviceDialog = () => {
  const { t } = useTranslation();
  const { open, form, edit, check, close, busy, error, probe } = useAddDevice();
  const storage = useAppStore((s) => s.info?.secretStorage);
  const ready = form.host.trim() && form.user.trim() && Number(form.port) > 0 && (form.authKind !== 'password' || form.password) && (form.authKind !== 'key-file' || form.keyPath.trim());
  return (
    <Dialog open={open} title={t('addDevice.title')} onClose={close} wide testId="add-device">
      <Sources />
      <form
        className="add-device__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready && !busy) void check();
        }}
      >
        <div className="grid-2">
          <label>
            {t('addDevice.host')}
            <input name="host" value={form.host} onChange={(e) => edit({ host: e.target.value })} placeholder="spark-1a2b.local" autoComplete="off" spellCheck={false} required />
          </label>
          <label>
            {t('addDevice.port')}
            <input name="port" value={form.port} onChange={(e) => edit({ port: e.target.value.replace(/\D/g, '') })} inputMode="numeric" required />
          </label>
          <label>
            {t('addDevice.user')}
            <input name="user" value={form.user} onChange={(e) => edit({ user: e.target.value })} autoComplete="username" spellCheck={false} required />
          </label>
          <label>
            {t('addDevice.name')}
            <input name="name" value={form.name} onChange={(e) => edit({ name: e.target.value })} placeholder={form.host.replace(/\.local$/, '') || 'GB10'} />
          </label>
        </div>
        {form.jump.length > 0 ? <p className="muted small">{t('addDevice.via', { hops: form.jump.map((j) => `${j.user}@${j.host}:${j.port}`).join(' → ') })}</p> : null}
        <fieldset className="auth-choice">
          <legend>{t('addDevice.login')}</legend>
          {authKinds.map(({ kind, icon: Icon }) => (
            <label key={kind} className="auth-choice__option">
              <input type="radio" name="auth" value={kind} checked={form.authKind === kind} onChange={() => edit({ authKind: kind })} />
              <Icon size={14} aria-hidden /> {t(`addDevice.auth.${kind}`)}
            </label>
          ))}
        </fieldset>
        {form.authKind === 'password' ? (
          <label>
            {t('addDevice.password')}
            <input name="password" type="password" value={form.password} onChange={(e) => edit({ password: e.target.value })} autoComplete="current-password" />
            <span className="muted small">{t('addDevice.passwordOnce')}</span>
          </label>
        ) : null}
        {form.authKind === 'key-file' ? (
          <div className="grid-2">
            <label>
              {t('addDevice.keyPath')}
              <input name="keyPath" value={form.keyPath} onChange={(e) => edit({ keyPath: e.target.value })} placeholder="~/.ssh/id_ed25519" spellCheck={false} />
            </label>
            <label>
              {t('addDevice.passphrase')}
              <input name="passphrase" type="password" value={form.passphrase} onChange={(e) => edit({ passphrase: e.target.value })} autoComplete="off" />
              <span className="checkbox small">
                <input type="checkbox" checked={form.rememberPassphrase} onChange={(e) => edit({ rememberPassphrase: e.target.checked })} /> {t('addDevice.remember')}
              </span>
            </label>
          </div>
        ) : null}
        {form.authKind === 'agent' ? <p className="muted small">{t('addDevice.agentHelp')}</p> : null}
        <p className="muted small" data-testid="secret-storage">
          {storage === 'file-0600' ? t('addDevice.storageFile') : t('addDevice.storageKeychain')}
        </p>
        {error ? <ErrorNotice error={error} /> : null}
        <HostKeyQuestion />
        {!probe ? (
          <div className="row">
            <button type="submit" className="button button--primary" disabled={!ready || busy !== undefined} data-testid="add-continue">
              {busy ? <Loader2 size={14} className="spin" aria-hidden /> : null} {busy === 'adding' ? t('addDevice.adding') : busy === 'checking' ? t('addDevice.checking') : t('addDevice.continue')}
            </button>
            <button type="button" className="button" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        ) : null}
        {busy === 'adding' ? (
          <p className="muted small" role="status">
            {form.authKind === 'password' ? t('addDevice.bootstrapping') : t('addDevice.connecting')}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
};
