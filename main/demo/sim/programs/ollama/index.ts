import type { Program } from '../../io.js';
import { ollama } from './ollama.js';

/** The Ollama CLI by the name it is invoked as. */
export const ollamaPrograms: Record<string, Program> = { ollama };
