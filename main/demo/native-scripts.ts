import type { Program } from './sim/io.js';
import { collectorScriptName } from '../../src/telemetry/collector-script.js';
import { telemetryNative } from './telemetry-native.js';
import { modelLibraryScriptName } from '../../src/remote/commands/model-library.js';
import { modelLibraryNative } from './model-library-native.js';

/**
 * Scripts the app sends as `sh -c ': pgx-companion:NAME …; <script>' ARGS` that the demo box
 * runs natively instead of interpreting (long POSIX loops such as the telemetry collector).
 * Each feature that emits such a script registers its native twin here.
 */
export const nativeScripts: Record<string, Program> = {
  [collectorScriptName]: telemetryNative,
  [modelLibraryScriptName]: modelLibraryNative,
};
