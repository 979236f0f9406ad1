import type { Program } from '../../io.js';
import { llamafactoryCli } from './cli.js';

/** LLaMA Factory's launcher by the names it is invoked as (`lmf` is its shortcut). */
export const llamafactoryPrograms: Record<string, Program> = { 'llamafactory-cli': llamafactoryCli, lmf: llamafactoryCli };
