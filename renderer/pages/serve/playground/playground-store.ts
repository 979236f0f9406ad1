/**
 * The Playground's conversations (one per box and server), its settings, and the replies under
 * way. Text arrives as playground:streamed batches (main sends one every ~30 ms), the end as
 * playground:finished with the reply's stats or what went wrong. Leaving the page loses nothing.
 */
import { create } from 'zustand';
import type { AppError } from '../../../../src/contract/errors.js';
import type { EventPayload } from '../../../../src/contract/events.js';
import type { ChatMessage, PlaygroundTarget, ReplyStats } from '../../../../src/domain/playground.js';
import { bridge } from '../../../bridge/bridge.js';

export type TurnState = 'streaming' | 'done' | 'stopped' | 'failed';

export interface Turn {
  readonly id: string;
  readonly role: ChatMessage['role'];
  readonly content: string;
  readonly reasoning: string;
  readonly state: TurnState;
  readonly stats: ReplyStats | null;
  readonly error: AppError | null;
  /** When it was sent (epoch ms): a reply waiting for its first token shows how long it has waited. */
  readonly at: number;
}

export interface PlaygroundSettings {
  readonly system: string;
  readonly temperature: number;
  readonly maxTokens: number;
}

export const defaultSettings: PlaygroundSettings = { system: '', temperature: 0.7, maxTokens: 512 };

interface PlaygroundState {
  readonly conversations: Readonly<Record<string, readonly Turn[]>>;
  readonly settings: PlaygroundSettings;
  /** The server picked on each box (its target key). */
  readonly picked: Readonly<Record<string, string>>;
}

export const usePlaygroundStore = create<PlaygroundState>()(() => ({ conversations: {}, settings: defaultSettings, picked: {} }));

export const conversationKey = (deviceId: string, targetKey: string) => `${deviceId}\n${targetKey}`;

interface Live {
  readonly conversation: string;
  readonly turnId: string;
}

/** Replies under way by stream id; events of a stream whose chat call has not returned yet wait in `early`. */
const live = new Map<string, Live>();
const early = new Map<string, Array<{ kind: 'streamed'; payload: EventPayload<'playground:streamed'> } | { kind: 'finished'; payload: EventPayload<'playground:finished'> }>>();
/** Turns stopped before their chat call returned a stream id. */
const stopRequested = new Set<string>();
let nextId = 0;

const updateTurn = (conversation: string, turnId: string, change: (turn: Turn) => Turn) =>
  usePlaygroundStore.setState((s) => {
    const turns = s.conversations[conversation];
    if (!turns) return s;
    return { conversations: { ...s.conversations, [conversation]: turns.map((t) => (t.id === turnId ? change(t) : t)) } };
  });

const onStreamed = (payload: EventPayload<'playground:streamed'>) => {
  const target = live.get(payload.streamId);
  if (!target) return void early.set(payload.streamId, [...(early.get(payload.streamId) ?? []), { kind: 'streamed', payload }]);
  updateTurn(target.conversation, target.turnId, (t) => ({ ...t, content: t.content + payload.delta, reasoning: t.reasoning + (payload.reasoning ?? '') }));
};

const onFinished = (payload: EventPayload<'playground:finished'>) => {
  const target = live.get(payload.streamId);
  if (!target) return void early.set(payload.streamId, [...(early.get(payload.streamId) ?? []), { kind: 'finished', payload }]);
  live.delete(payload.streamId);
  const state: TurnState = payload.error ? 'failed' : payload.stats || !stopRequested.has(target.turnId) ? 'done' : 'stopped';
  stopRequested.delete(target.turnId);
  updateTurn(target.conversation, target.turnId, (t) => ({ ...t, state, stats: payload.stats, error: payload.error }));
};

let following = false;
const follow = () => {
  if (following) return;
  following = true;
  bridge().on('playground:streamed', onStreamed);
  bridge().on('playground:finished', onFinished);
};

/** The conversation as the server gets it: each question with the reply it got (a failed reply drops its question). */
export const historyOf = (turns: readonly Turn[]): ChatMessage[] => {
  const out: ChatMessage[] = [];
  turns.forEach((turn, i) => {
    const reply = turns[i + 1];
    if (turn.role === 'user' && reply?.role === 'assistant' && reply.state !== 'failed' && reply.content !== '') out.push({ role: 'user', content: turn.content }, { role: 'assistant', content: reply.content });
  });
  return out;
};

export const isStreaming = (turns: readonly Turn[] | undefined): boolean => turns?.some((t) => t.state === 'streaming') ?? false;

export const sendPrompt = async (deviceId: string, target: PlaygroundTarget, text: string): Promise<void> => {
  follow();
  const conversation = conversationKey(deviceId, target.key);
  const before = usePlaygroundStore.getState().conversations[conversation] ?? [];
  if (isStreaming(before)) return;
  const { settings } = usePlaygroundStore.getState();
  const question: Turn = { id: `t${nextId++}`, role: 'user', content: text, reasoning: '', state: 'done', stats: null, error: null, at: Date.now() };
  const reply: Turn = { id: `t${nextId++}`, role: 'assistant', content: '', reasoning: '', state: 'streaming', stats: null, error: null, at: Date.now() };
  usePlaygroundStore.setState((s) => ({ conversations: { ...s.conversations, [conversation]: [...before, question, reply] } }));
  const result = await bridge().call('playground:chat', {
    deviceId,
    boxPort: target.boxPort,
    model: target.model,
    messages: [...historyOf(before), { role: 'user', content: text }],
    maxTokens: settings.maxTokens,
    temperature: settings.temperature,
    ...(settings.system.trim() ? { system: settings.system } : {}),
  });
  if (!result.ok) {
    stopRequested.delete(reply.id);
    updateTurn(conversation, reply.id, (t) => ({ ...t, state: 'failed', error: result.error }));
    return;
  }
  const { streamId } = result.value;
  live.set(streamId, { conversation, turnId: reply.id });
  if (stopRequested.has(reply.id)) void bridge().call('playground:cancel', { streamId });
  for (const event of early.get(streamId) ?? []) {
    if (event.kind === 'streamed') onStreamed(event.payload);
    else onFinished(event.payload);
  }
  early.delete(streamId);
};

/** Stops the reply under way in the conversation (at once: main aborts the request). */
export const stopReply = (deviceId: string, targetKey: string): void => {
  const conversation = conversationKey(deviceId, targetKey);
  const turn = usePlaygroundStore.getState().conversations[conversation]?.find((t) => t.state === 'streaming');
  if (!turn) return;
  stopRequested.add(turn.id);
  for (const [streamId, target] of live) if (target.turnId === turn.id) void bridge().call('playground:cancel', { streamId });
};

export const clearConversation = (deviceId: string, targetKey: string): void => {
  stopReply(deviceId, targetKey);
  const conversation = conversationKey(deviceId, targetKey);
  usePlaygroundStore.setState((s) => {
    const conversations = { ...s.conversations };
    delete conversations[conversation];
    return { conversations };
  });
};

export const setPlaygroundSettings = (change: Partial<PlaygroundSettings>): void => usePlaygroundStore.setState((s) => ({ settings: { ...s.settings, ...change } }));

export const pickTarget = (deviceId: string, key: string): void => usePlaygroundStore.setState((s) => ({ picked: { ...s.picked, [deviceId]: key } }));
