import { describe, expect, it } from 'vitest';
import { splitThink } from './think-split.js';

describe('splitThink', () => {
  it('leaves a reply without <think> alone', () => {
    expect(splitThink('Hello <think> there')).toEqual({ reasoning: '', answer: 'Hello <think> there', thinking: false });
  });
  it('folds inline thinking while it streams, and after it closed', () => {
    expect(splitThink('<think>\nLet me')).toEqual({ reasoning: '\nLet me', answer: '', thinking: true });
    expect(splitThink('\n<think>\nHmm.\n</think>\n\nParis.')).toEqual({ reasoning: '\nHmm.\n', answer: 'Paris.', thinking: false });
  });
});
