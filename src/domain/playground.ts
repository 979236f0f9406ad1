import { z } from 'zod';

/** A model server the Playground can talk to: its OpenAI-compatible port on the box and its model name. */
export const PlaygroundTarget = z.object({
  key: z.string(),
  label: z.string(),
  boxPort: z.number().int().min(1).max(65535),
  model: z.string(),
});
export type PlaygroundTarget = z.infer<typeof PlaygroundTarget>;

export const ChatRole = z.enum(['user', 'assistant']);
export type ChatRole = z.infer<typeof ChatRole>;

/** One turn of the conversation as the server gets it (the system prompt travels apart). */
export const ChatMessage = z.object({ role: ChatRole, content: z.string() });
export type ChatMessage = z.infer<typeof ChatMessage>;

/**
 * How fast one reply came, measured in main on a monotonic clock from the moment the request
 * was sent. The decode rate leaves the first token out: it measures generation, not prefill.
 */
export const ReplyStats = z.object({
  /** Request sent → first content or reasoning text arrived. */
  ttftMs: z.number(),
  /** (outputTokens − 1) / (e2e − ttft); 0 when one token or less came. */
  tokensPerSecond: z.number(),
  outputTokens: z.number().int(),
  promptTokens: z.number().int().nullable(),
  /** Request sent → the stream ended. */
  e2eMs: z.number(),
  /** usage: the server's usage chunk counted the tokens; chunks: it sent none, so text chunks were counted (about one token each). */
  countedBy: z.enum(['usage', 'chunks']),
});
export type ReplyStats = z.infer<typeof ReplyStats>;

/** The last reply's stats of one server (by its box port), and when it finished (epoch ms). */
export const ServerReplyStats = z.object({ deviceId: z.string(), boxPort: z.number().int(), stats: ReplyStats, at: z.number() });
export type ServerReplyStats = z.infer<typeof ServerReplyStats>;
