import { z } from 'zod';
import { ModelFolders } from './model-folder.js';

export const languages = ['system', 'en', 'zh-CN'] as const;
export const themes = ['system', 'light', 'dark'] as const;

export const Language = z.enum(languages);
export const Theme = z.enum(themes);
export type Language = z.infer<typeof Language>;
export type Theme = z.infer<typeof Theme>;

/**
 * When the box deserves a desktop notification. GB10 shares one memory pool between CPU and GPU:
 * near its end the box stalls rather than slows, hence a memory alert well before 100 %.
 */
export const AlertThresholds = z.object({
  gpuTemperatureC: z.number().min(40).max(110).default(85),
  memoryPercent: z.number().min(50).max(100).default(90),
  diskPercent: z.number().min(50).max(100).default(90),
  clocksThrottled: z.boolean().default(true),
});
export type AlertThresholds = z.infer<typeof AlertThresholds>;

/** How terminals look and behave (xterm.js options, applied to open tabs at once). */
export const TerminalSettings = z.object({
  /** A CSS font-family list; the fallbacks keep CJK and box drawing right when the first is missing. */
  fontFamily: z.string().trim().min(1).max(200).default('"DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace'),
  fontSize: z.number().int().min(8).max(32).default(13),
  scrollback: z.number().int().min(1_000).max(100_000).default(10_000),
  /** Selecting text copies it (off by default: it surprises people who did not ask for it). */
  copyOnSelect: z.boolean().default(false),
  /** Ask before pasting more than one line (a stray newline runs a command). */
  confirmMultilinePaste: z.boolean().default(true),
  /** Run box tabs inside tmux when the box has it (they survive drops and restarts). */
  useTmux: z.boolean().default(true),
  /** Draw with WebGL (fast on a real GPU); off: xterm's DOM renderer (for software-only GL). */
  gpuAcceleration: z.boolean().default(true),
});
export type TerminalSettings = z.infer<typeof TerminalSettings>;

/** What the user chose in Settings. Every field has a default so a partial or old file still loads. */
export const Settings = z.object({
  language: Language.default('system'),
  theme: Theme.default('system'),
  alerts: AlertThresholds.default(AlertThresholds.parse({})),
  terminal: TerminalSettings.default(TerminalSettings.parse({})),
  /** Folders on each box the model library also scans (beside the hub caches and Ollama); `~` is the box user's home. */
  modelFolders: z.array(z.string().trim().min(1).max(4096)).max(32).default(['~/models', '/data/llm-model']),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  language: Language.optional(),
  theme: Theme.optional(),
  modelFolders: ModelFolders.optional(),
  // No defaults here: zod fills defaults into optional fields, and a patch of one threshold
  // would reset the other three.
  alerts: z
    .strictObject({
      gpuTemperatureC: z.number().min(40).max(110).optional(),
      memoryPercent: z.number().min(50).max(100).optional(),
      diskPercent: z.number().min(50).max(100).optional(),
      clocksThrottled: z.boolean().optional(),
    })
    .optional(),
  terminal: z
    .strictObject({
      fontFamily: z.string().trim().min(1).max(200).optional(),
      fontSize: z.number().int().min(8).max(32).optional(),
      scrollback: z.number().int().min(1_000).max(100_000).optional(),
      copyOnSelect: z.boolean().optional(),
      confirmMultilinePaste: z.boolean().optional(),
      useTmux: z.boolean().optional(),
      gpuAcceleration: z.boolean().optional(),
    })
    .optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings = (): Settings => Settings.parse({});
