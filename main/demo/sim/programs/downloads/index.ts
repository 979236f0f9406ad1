import type { Program } from '../../io.js';
import { hfProgram } from './hf.js';
import { modelscopeProgram } from './modelscope.js';

/** Model download tools by the name they are invoked as. */
export const downloadPrograms: Record<string, Program> = {
  hf: hfProgram('hf'),
  'huggingface-cli': hfProgram('huggingface-cli'),
  modelscope: modelscopeProgram,
};
