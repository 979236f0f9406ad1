import { Copy, MessagesSquare, Play, Send, Square, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TryPlan, TryServer, TrySide, TryStatus } from '../../../src/domain/finetune-try.js';
import type { PlaygroundTarget } from '../../../src/domain/playground.js';
import { bridge } from '../../bridge/bridge.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useCopy } from '../../components/use-copy.js';
import { keep, selectRun, useFinetuneStore } from '../../finetune/finetune-store.js';
import { formatGiB } from '../../telemetry/format.js';
import { ChatTranscript } from '../serve/playground/ChatTranscript.js';
import { clearConversation, conversationKey, isStreaming, sendPrompt, stopReply, usePlaygroundStore } from '../serve/playground/playground-store.js';
import '../serve/playground/playground.css';
import { RunPicker } from './RunPicker.js';

const sides: readonly TrySide[] = ['base', 'tuned'];
const pollMs = 1_500;

const targetOf = (server: TryServer, label: string): PlaygroundTarget => ({ key: `try:${server.side}:${server.boxPort}:${server.startedAt}`, label, boxPort: server.boxPort, model: server.model });

const CommandLine = ({ side, command }: { side: TrySide; command: string }) => {
  const { t } = useTranslation();
  const { state, copy } = useCopy();
  return (
    <div className="ft-try__command">
      <span className="bm-field__label">{t(`finetune.try.side.${side}`)}</span>
      <pre data-testid={`ft-try-command-${side}`}>{command}</pre>
      <button type="button" className="button button--ghost small" onClick={() => void copy(command)} data-testid={`ft-try-copy-${side}`}>
        <Copy size={14} aria-hidden /> {state === 'copied' ? t('finetune.try.copied') : state === 'failed' ? t('finetune.try.copyFailed') : t('finetune.try.copy')}
      </button>
    </div>
  );
};

/** One side: its server's state, and its conversation with a Stop for the reply under way. */
const ChatColumn = ({ deviceId, side, server }: { deviceId: string; side: TrySide; server: TryServer }) => {
  const { t } = useTranslation();
  const label = t(`finetune.try.side.${side}`);
  const target = targetOf(server, label);
  const turns = usePlaygroundStore((s) => s.conversations[conversationKey(deviceId, target.key)]) ?? [];
  const streaming = isStreaming(turns);
  return (
    <section className="card ft-try__column" data-testid={`ft-try-${side}`} data-state={server.state}>
      <header className="row ft-try__head">
        <h3>{label}</h3>
        <span className={`ft-try__state ft-try__state--${server.state}`} data-testid={`ft-try-state-${side}`}>
          {t(`finetune.try.state.${server.state}`)}
        </span>
        <span className="muted small">
          {server.model} · {t('finetune.try.port', { port: server.boxPort })}
        </span>
        <span className="cnt-spacer" />
        {streaming && (
          <button type="button" className="button button--ghost small" onClick={() => stopReply(deviceId, target.key)} data-testid={`ft-try-stop-reply-${side}`}>
            <Square size={14} aria-hidden /> {t('finetune.try.stopReply')}
          </button>
        )}
      </header>
      {server.state === 'failed' ? (
        <div className="notice notice--error" data-testid={`ft-try-error-${side}`}>
          <p className="notice__message">{server.error ?? t('finetune.try.failed')}</p>
          <pre className="ft-try__log small">{server.logTail}</pre>
        </div>
      ) : server.state === 'starting' ? (
        <pre className="ft-try__log small muted">{server.logTail || t('finetune.try.loading')}</pre>
      ) : (
        <ChatTranscript turns={turns} model={label} />
      )}
    </section>
  );
};

/** Try it: the base model and the tuned one served side by side; one prompt goes to both. */
export const TryStep = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const { t } = useTranslation();
  const runs = useFinetuneStore((s) => s.runs[deviceId]) ?? [];
  const selectedId = useFinetuneStore((s) => s.selectedRunId);
  const trained = runs.filter((r) => r.kind === 'train' && r.state === 'done');
  const [status, setStatus] = useState<TryStatus | null>(null);
  const [planned, setPlanned] = useState<TryPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [prompt, setPrompt] = useState('');
  const servingRun = status?.runId ?? null;
  const chosen = trained.find((r) => r.id === (servingRun ?? selectedId)) ?? trained[0];
  const plan = planned && planned.runId === chosen?.id ? planned : null;

  const refresh = useCallback(() => bridge().call('finetune:try-status', { deviceId }), [deviceId]);
  const starting = sides.some((s) => status?.[s]?.state === 'starting');
  useEffect(() => {
    if (!connected) return;
    let live = true;
    const read = () =>
      void refresh().then((result) => {
        const value = live ? keep(deviceId, result) : undefined;
        if (value) setStatus(value);
      });
    read();
    const timer = starting ? setInterval(read, pollMs) : undefined;
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [connected, starting, refresh, deviceId]);
  const chosenId = chosen?.id;
  useEffect(() => {
    if (!connected || !chosenId || servingRun !== null) return;
    let live = true;
    void bridge()
      .call('finetune:try-plan', { deviceId, runId: chosenId })
      .then((result) => {
        const value = live ? keep(deviceId, result) : undefined;
        if (value) setPlanned(value);
      });
    return () => {
      live = false;
    };
  }, [deviceId, connected, chosenId, servingRun]);

  if (!chosen) return <EmptyState icon={MessagesSquare} title={t('finetune.try.title')} body={t('finetune.try.none')} testId="ft-try-none" />;

  const start = async (force: boolean) => {
    setBusy(true);
    const value = keep(deviceId, await bridge().call('finetune:try-start', { deviceId, runId: chosen.id, force }));
    setBusy(false);
    if (value) setStatus(value);
  };
  const stopServers = async () => {
    setBusy(true);
    for (const side of sides) {
      const server = status?.[side];
      if (server) clearConversation(deviceId, targetOf(server, '').key);
    }
    const value = keep(deviceId, await bridge().call('finetune:try-stop', { deviceId }));
    setBusy(false);
    if (value) setStatus(value);
  };
  const base = status?.base ?? null;
  const tuned = status?.tuned ?? null;
  const ready = base?.state === 'ready' && tuned?.state === 'ready';
  const send = () => {
    const text = prompt.trim();
    if (!ready || text === '') return;
    setPrompt('');
    void sendPrompt(deviceId, targetOf(base, t('finetune.try.side.base')), text);
    void sendPrompt(deviceId, targetOf(tuned, t('finetune.try.side.tuned')), text);
  };
  const clear = () => {
    if (base) clearConversation(deviceId, targetOf(base, '').key);
    if (tuned) clearConversation(deviceId, targetOf(tuned, '').key);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <div className="ft-step ft-try" data-testid="ft-try">
      <section className="card bm-form">
        <h2 className="card__title">{t('finetune.try.title')}</h2>
        <p className="muted small">{t('finetune.try.explain')}</p>
        <div className="row ft-try__bar">
          <RunPicker label={t('finetune.try.run')} runs={trained} value={chosen.id} disabled={servingRun !== null} onChange={selectRun} testId="ft-try-run" />
          <span className="cnt-spacer" />
          {servingRun === null ? (
            <>
              {plan?.memory.verdict === 'refuse' && (
                <button type="button" className="button button--ghost" disabled={busy || !connected} onClick={() => void start(true)} data-testid="ft-try-force">
                  {t('finetune.try.startAnyway')}
                </button>
              )}
              <button type="button" className="button" disabled={busy || !connected || !plan || plan.memory.verdict === 'refuse'} onClick={() => void start(false)} data-testid="ft-try-start">
                <Play size={14} aria-hidden /> {t('finetune.try.start')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--ghost" disabled={busy || !connected} onClick={() => void stopServers()} data-testid="ft-try-stop">
              <Square size={14} aria-hidden /> {t('finetune.try.stopServers')}
            </button>
          )}
        </div>
        {servingRun === null && plan && (
          <div className="ft-try__plan" data-testid="ft-try-plan">
            <CommandLine side="base" command={plan.commands.base} />
            <CommandLine side="tuned" command={plan.commands.tuned} />
            <p className={`ft-try__memory ft-memory--${plan.memory.verdict}`} data-testid="ft-try-memory" data-verdict={plan.memory.verdict}>
              {t('finetune.try.memory', { need: formatGiB(plan.memory.totalBytes), available: formatGiB(plan.memory.boxAvailableBytes) })} {plan.memory.message}
            </p>
          </div>
        )}
      </section>
      {base && tuned && (
        <>
          <div className="ft-try__columns">
            <ChatColumn deviceId={deviceId} side="base" server={base} />
            <ChatColumn deviceId={deviceId} side="tuned" server={tuned} />
          </div>
          <section className="card ft-try__composer">
            <textarea
              value={prompt}
              rows={2}
              disabled={!ready}
              placeholder={ready ? t('finetune.try.placeholder') : t('finetune.try.waiting')}
              onChange={(e) => setPrompt(e.target.value)}
              onKeyDown={onKey}
              aria-label={t('finetune.try.placeholder')}
              data-testid="ft-try-prompt"
            />
            <div className="row">
              <span className="muted small">{t('finetune.try.keys')}</span>
              <span className="cnt-spacer" />
              <button type="button" className="button button--ghost small" onClick={clear} data-testid="ft-try-clear">
                <Trash2 size={14} aria-hidden /> {t('finetune.try.clear')}
              </button>
              <button type="button" className="button" disabled={!ready || prompt.trim() === ''} onClick={send} data-testid="ft-try-send">
                <Send size={14} aria-hidden /> {t('finetune.try.send')}
              </button>
            </div>
          </section>
        </>
      )}
    </div>
  );
};
