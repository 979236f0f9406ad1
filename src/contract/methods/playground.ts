import { z } from 'zod';
import { Empty, Id, Name, Text } from '../schema-helpers.js';
import { ChatMessage, ServerReplyStats } from '../../domain/playground.js';

/** Limits on one chat request: a long conversation fits, a runaway renderer does not. */
export const playgroundLimits = {
  /** Turns kept in one conversation. */
  messages: 500,
  /** Far above any model's context; the server refuses what its own limit does not fit. */
  maxTokens: 1_000_000,
} as const;

export const playgroundMethods = {
  /**
   * Sends the conversation to the server on `boxPort` (through its tunnel, opened when none is)
   * and streams the reply as playground:streamed events, then playground:finished with its stats
   * or a sentence saying what went wrong. Both go to the calling window only.
   */
  'playground:chat': {
    request: z.strictObject({
      deviceId: Id,
      boxPort: z.number().int().min(1).max(65535),
      model: Name,
      messages: z.array(z.strictObject({ role: ChatMessage.shape.role, content: Text })).min(1).max(playgroundLimits.messages),
      maxTokens: z.number().int().min(1).max(playgroundLimits.maxTokens),
      temperature: z.number().min(0).max(2),
      system: Text.optional(),
    }),
    response: z.object({ streamId: z.string() }),
  },
  /** Stops a reply at once (the request is aborted; the server stops generating). */
  'playground:cancel': {
    request: z.strictObject({ streamId: Id }),
    response: Empty,
  },
  /** The last reply's stats of each server of the box (changes arrive as playground:stats). */
  'playground:stats': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(ServerReplyStats),
  },
} as const;
