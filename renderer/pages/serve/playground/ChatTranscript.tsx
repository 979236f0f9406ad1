import { Loader2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../components/Notice.js';
import { clockText, useElapsed } from '../../../components/use-elapsed.js';
import type { Turn } from './playground-store.js';
import { statsValues } from './reply-format.js';
import { splitThink } from './think-split.js';

/** Within this many pixels of the bottom, new text keeps the view at the bottom; further up, the reader scrolled away on purpose. */
const stickPx = 48;

const Waiting = ({ since }: { since: number }) => {
  const { t } = useTranslation();
  const ms = useElapsed(since);
  return (
    <p className="pg-turn__waiting muted">
      <Loader2 size={14} className="spin" aria-hidden /> {t('playground.waiting', { elapsed: ms >= 1000 ? clockText(ms) : '' })}
    </p>
  );
};

const StatsLine = ({ turn }: { turn: Turn }) => {
  const { t } = useTranslation();
  if (!turn.stats) return null;
  const values = statsValues(turn.stats);
  return (
    <p className="pg-turn__stats" data-testid="playground-stats" data-ttft-ms={String(turn.stats.ttftMs)} data-tokens-per-second={String(turn.stats.tokensPerSecond)}>
      {t('playground.stats', values)}
      {turn.stats.promptTokens !== null ? t('playground.statsPrompt', { prompt: turn.stats.promptTokens }) : null}
      {' · '}
      {t('playground.e2e', values)}
      {turn.stats.countedBy === 'chunks' ? (
        <span className="pg-turn__note" title={t('playground.countedFromChunksHint')} data-testid="playground-counted-chunks">
          {' · '}
          {t('playground.countedFromChunks')}
        </span>
      ) : null}
    </p>
  );
};

const Reply = ({ turn }: { turn: Turn }) => {
  const { t } = useTranslation();
  const inline = splitThink(turn.content);
  const reasoning = turn.reasoning + inline.reasoning;
  const thinking = turn.state === 'streaming' && (inline.thinking || (turn.reasoning !== '' && inline.answer === ''));
  return (
    <>
      {reasoning ? (
        <details className="pg-turn__reasoning" data-testid="playground-reasoning">
          <summary>{thinking ? t('playground.thinking') : t('playground.reasoning')}</summary>
          <div className="pg-turn__reasoning-text">{reasoning}</div>
        </details>
      ) : null}
      {inline.answer ? <div className="pg-turn__text" data-testid="playground-reply">{inline.answer}</div> : null}
      {turn.state === 'streaming' && turn.content === '' && turn.reasoning === '' ? <Waiting since={turn.at} /> : null}
      {turn.state === 'stopped' ? <p className="pg-turn__note">{t('playground.stopped')}</p> : null}
      {turn.error ? <ErrorNotice error={turn.error} /> : null}
      <StatsLine turn={turn} />
    </>
  );
};

export const ChatTranscript = ({ turns, model }: { turns: readonly Turn[]; model: string }) => {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const last = turns.at(-1);
  const size = last ? last.content.length + last.reasoning.length + turns.length : 0;
  useEffect(() => {
    const el = box.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [size]);
  return (
    <div
      className="pg-transcript"
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < stickPx;
      }}
      data-testid="playground-transcript"
      aria-live="polite"
    >
      {turns.length === 0 ? <p className="pg-transcript__empty muted">{t('playground.emptyChat', { model })}</p> : null}
      {turns.map((turn) => (
        <article key={turn.id} className={`pg-turn pg-turn--${turn.role}`} data-state={turn.state} data-testid={`playground-turn-${turn.role}`}>
          <header className="pg-turn__who">{turn.role === 'user' ? t('playground.you') : model}</header>
          {turn.role === 'user' ? <div className="pg-turn__text">{turn.content}</div> : <Reply turn={turn} />}
        </article>
      ))}
    </div>
  );
};
