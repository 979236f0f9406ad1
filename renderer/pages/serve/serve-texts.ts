/**
 * The memory guard's judgement and a failed start's explanation in the user's language, made
 * from their structured data (reason, numbers, fix kinds with their values, failure kinds with
 * their facts). main's English sentences stay the fallback for anything not known here.
 */
import type { TFunction } from 'i18next';
import type { MemoryJudgementView, ServeFailure } from '../../../src/domain/serve.js';

export const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

type T = TFunction;
type Fix = MemoryJudgementView['fixes'][number];

/** The judgement's sentence from its reason and numbers. */
export const guardSentence = (j: MemoryJudgementView, t: T): string => {
  const weights = j.terms.find((term) => term.kind === 'weights')?.bytes ?? 0;
  return t(`serve.guard.sentence.${j.reason}`, { need: gib(j.needBytes), budget: gib(j.budgetBytes), headroom: gib(j.headroomBytes), short: gib(-j.headroomBytes), cache: gib(j.cacheToReclaimBytes), weights: gib(weights) });
};

/** One fix from its kind and numbers; its English text when a number it needs is missing. */
export const fixText = (f: Fix, j: MemoryJudgementView, t: T): string => {
  switch (f.kind) {
    case 'set-engine-setting':
      if (f.setting === undefined || f.value === undefined) return f.text;
      if (f.setting === 'kv-cache-bytes') return t('serve.guard.fix.kvCacheBytes', { size: gib(f.value) });
      // memory-guard.ts raises a setting only when the KV cache has no room; otherwise it lowers it.
      return t(j.reason === 'no-room-for-kv-cache' ? 'serve.guard.fix.raise' : 'serve.guard.fix.lower', { setting: f.setting, value: String(f.value) });
    case 'stop-server':
      return f.name === undefined || f.freesBytes === undefined ? f.text : t('serve.guard.fix.stopServer', { name: f.name, size: gib(f.freesBytes) });
    case 'unload-ollama-model':
      return f.name === undefined || f.freesBytes === undefined ? f.text : t('serve.guard.fix.unloadOllama', { name: f.name, size: gib(f.freesBytes) });
    case 'smaller-model': {
      const weights = j.terms.find((term) => term.kind === 'weights')?.bytes ?? 0;
      return f.weightsBytes === undefined || f.weightsBytes === null ? t('serve.guard.fix.smallerModelUnknown') : t('serve.guard.fix.smallerModel', { size: gib(f.weightsBytes), weights: gib(weights) });
    }
    case 'drop-page-cache':
      return t('serve.guard.fix.dropPageCache', { cache: gib(j.cacheToReclaimBytes) });
  }
};

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** A failed start's sentence and what to do; the English from main for a kind not known here (docker's own problems, port in use). */
export const failureText = (f: ServeFailure, t: T): { message: string; hint: string } => {
  const p = f.params ?? {};
  const variant = str(p['variant']);
  switch (f.kind) {
    case 'vllm-nvfp4-moe-unsupported': {
      const vllm = str(p['version']) === '' ? t('serve.failure.thisVllm') : `vLLM ${str(p['version'])}`;
      return variant === 'new'
        ? { message: t('serve.failure.nvfp4New', { vllm }), hint: t('serve.failure.nvfp4NewHint') }
        : { message: t('serve.failure.nvfp4Old', { vllm }), hint: t('serve.failure.nvfp4OldHint', { image: str(p['image']) }) };
    }
    case 'startup-memory-check':
      if (p['free'] === undefined) break;
      return {
        message: t('serve.failure.startupMemory', { free: str(p['free']), total: str(p['total']), wanted: str(p['wanted']), fraction: str(p['fraction']) }),
        hint: t('serve.failure.startupMemoryHint', { fits: str(p['fits']), command: str(p['command']) }),
      };
    case 'no-room-for-kv-cache':
      if (p['setting'] === undefined) break;
      return { message: t('serve.failure.noKv'), hint: t('serve.failure.noKvHint', { setting: str(p['setting']) }) };
    case 'out-of-memory':
      if (!['vllm', 'trtllm', 'sglang', 'llama-server', 'ollama'].includes(variant)) break;
      return { message: t('serve.failure.oom'), hint: t(`serve.failure.oomHint.${variant as 'vllm'}`) };
    case 'model-gated':
      return { message: t('serve.failure.gated'), hint: t(variant === 'token' ? 'serve.failure.gatedHintToken' : 'serve.failure.gatedHintNoToken') };
    case 'model-not-found':
      if (!['localPath', 'ollama', 'token', 'noToken'].includes(variant)) break;
      return { message: t(variant === 'localPath' ? 'serve.failure.notFoundLocal' : 'serve.failure.notFound'), hint: t(`serve.failure.notFoundHint.${variant as 'ollama'}`) };
    case 'readiness-timeout':
      if (p['seconds'] === undefined) break;
      return { message: t('serve.failure.timeout', { seconds: str(p['seconds']) }), hint: variant === 'lastError' ? t('serve.failure.timeoutHintError', { error: str(p['lastError']) }) : t('serve.failure.timeoutHintLoading') };
    case 'exited':
      return { message: str(p['code']) === '' ? t('serve.failure.exitedNoCode') : t('serve.failure.exited', { code: str(p['code']) }), hint: t('serve.failure.exitedHint') };
    case 'stopped-answering':
      if (p['reason'] === undefined) break;
      return { message: t('serve.failure.stoppedAnswering', { reason: str(p['reason']) }), hint: t('serve.failure.stoppedAnsweringHint') };
  }
  return { message: f.message, hint: f.hint };
};
