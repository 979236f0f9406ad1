/**
 * A reasoning model served without a reasoning parser sends its thinking inline, as
 * `<think>…</think>` at the start of the content (Qwen3 on older vLLM, llama.cpp without
 * --reasoning-format). It is shown folded like reasoning_content.
 */
export interface SplitReply {
  readonly reasoning: string;
  readonly answer: string;
  /** The closing tag has not come yet: everything after <think> is still thinking. */
  readonly thinking: boolean;
}

const open = '<think>';
const close = '</think>';

export const splitThink = (content: string): SplitReply => {
  const lead = content.trimStart();
  if (!lead.startsWith(open)) return { reasoning: '', answer: content, thinking: false };
  const rest = lead.slice(open.length);
  const end = rest.indexOf(close);
  if (end < 0) return { reasoning: rest, answer: '', thinking: true };
  return { reasoning: rest.slice(0, end), answer: rest.slice(end + close.length).replace(/^\s+/, ''), thinking: false };
};
