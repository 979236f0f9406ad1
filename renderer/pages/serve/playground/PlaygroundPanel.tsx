import { Eraser, MessagesSquare, Send, Square } from 'lucide-react';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaygroundTarget } from '../../../../src/domain/playground.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { followTunnels, useTunnelsStore } from '../../../tunnels/tunnels-store.js';
import { ChatTranscript } from './ChatTranscript.js';
import { clearConversation, conversationKey, historyOf, isStreaming, pickTarget, sendPrompt, setPlaygroundSettings, stopReply, usePlaygroundStore, type Turn } from './playground-store.js';
import { RequestCode } from './RequestCode.js';
import './playground.css';

export interface PlaygroundPanelProps {
  deviceId: string;
  targets: PlaygroundTarget[];
  /** The server to show first (a card's "Playground" button); the user may pick another. */
  selectedKey?: string;
  /** Switches the Serve page to its wizard (the empty state's button). */
  onNewServer?: () => void;
}

const noTurns: readonly Turn[] = [];

const Settings = ({ deviceId, targets, target }: { deviceId: string; targets: PlaygroundTarget[]; target: PlaygroundTarget }) => {
  const { t } = useTranslation();
  const settings = usePlaygroundStore((s) => s.settings);
  return (
    <aside className="pg-settings">
      <label className="pg-field">
        <span className="pg-field__label">{t('playground.server')}</span>
        <select value={target.key} onChange={(e) => pickTarget(deviceId, e.target.value)} data-testid="playground-target">
          {targets.map((tg) => (
            <option key={tg.key} value={tg.key}>
              {tg.label.includes(tg.model) ? tg.label : `${tg.label} · ${tg.model}`} · :{tg.boxPort}
            </option>
          ))}
        </select>
      </label>
      <label className="pg-field">
        <span className="pg-field__label">{t('playground.system')}</span>
        <textarea rows={3} value={settings.system} placeholder={t('playground.systemPlaceholder')} onChange={(e) => setPlaygroundSettings({ system: e.target.value })} data-testid="playground-system" />
      </label>
      <div className="pg-settings__row">
        <label className="pg-field">
          <span className="pg-field__label">{t('playground.temperature')}</span>
          <input type="number" min={0} max={2} step={0.1} value={settings.temperature} onChange={(e) => e.target.value !== '' && setPlaygroundSettings({ temperature: Math.min(2, Math.max(0, Number(e.target.value))) })} data-testid="playground-temperature" />
        </label>
        <label className="pg-field">
          <span className="pg-field__label">{t('playground.maxTokens')}</span>
          <input type="number" min={1} max={1_000_000} step={1} value={settings.maxTokens} onChange={(e) => e.target.value !== '' && setPlaygroundSettings({ maxTokens: Math.min(1_000_000, Math.max(1, Math.round(Number(e.target.value)))) })} data-testid="playground-max-tokens" />
        </label>
      </div>
    </aside>
  );
};

/** Chat with a running model server: streamed replies, reasoning folded, TTFT and tokens/s per reply, and the exact request as code. */
export default function PlaygroundPanel({ deviceId, targets, selectedKey, onNewServer }: PlaygroundPanelProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const picked = usePlaygroundStore((s) => s.picked[deviceId]);
  useEffect(() => {
    if (selectedKey) pickTarget(deviceId, selectedKey);
  }, [deviceId, selectedKey]);
  useEffect(() => void followTunnels(), []);
  const target = targets.find((tg) => tg.key === picked) ?? targets.find((tg) => tg.key === selectedKey) ?? targets[0];
  const turns = usePlaygroundStore((s) => (target ? s.conversations[conversationKey(deviceId, target.key)] : undefined) ?? noTurns);
  const settings = usePlaygroundStore((s) => s.settings);
  const tunnel = useTunnelsStore((s) => (target ? s.tunnels.find((tn) => tn.deviceId === deviceId && tn.boxPort === target.boxPort) : undefined));

  if (!target) {
    return (
      <EmptyState icon={MessagesSquare} title={t('playground.noTargetsTitle')} body={t('playground.noTargetsBody')} testId="playground-empty">
        {onNewServer ? (
          <button type="button" className="button button--primary" onClick={onNewServer} data-testid="playground-new-server">
            {t('playground.newServer')}
          </button>
        ) : null}
      </EmptyState>
    );
  }

  const streaming = isStreaming(turns);
  const send = () => {
    if (streaming || draft.trim() === '') return;
    void sendPrompt(deviceId, target, draft);
    setDraft('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  };

  return (
    <section className="pg" data-testid="playground">
      <div className="pg-chat">
        <ChatTranscript turns={turns} model={target.model} />
        <div className="pg-composer">
          <textarea rows={3} value={draft} aria-label={t('playground.prompt')} placeholder={t('playground.promptPlaceholder')} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} data-testid="playground-prompt" />
          <div className="pg-composer__actions">
            {streaming ? (
              <button type="button" className="button" onClick={() => stopReply(deviceId, target.key)} data-testid="playground-stop">
                <Square size={14} aria-hidden /> {t('playground.stop')}
              </button>
            ) : (
              <button type="button" className="button button--primary" onClick={send} disabled={draft.trim() === ''} data-testid="playground-send">
                <Send size={14} aria-hidden /> {t('playground.send')}
              </button>
            )}
            <button type="button" className="button button--ghost" onClick={() => clearConversation(deviceId, target.key)} disabled={turns.length === 0} data-testid="playground-clear">
              <Eraser size={14} aria-hidden /> {t('playground.clear')}
            </button>
          </div>
        </div>
      </div>
      <Settings deviceId={deviceId} targets={targets} target={target} />
      <RequestCode
        localPort={tunnel?.localPort ?? target.boxPort}
        tunnelOpen={tunnel !== undefined}
        input={{ model: target.model, system: settings.system, messages: [...historyOf(turns), { role: 'user', content: draft }], maxTokens: settings.maxTokens, temperature: settings.temperature }}
      />
    </section>
  );
}
