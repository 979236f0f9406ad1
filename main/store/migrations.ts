/**
 * Versioned migrations for the persisted document. Each step takes the document of version
 * `from` and returns the document of version `from + 1`. Steps are pure and tested.
 */
export interface MigrationStep {
  readonly from: number;
  readonly run: (document: Record<string, unknown>) => Record<string, unknown>;
}

export type MigrationOutcome =
  | { readonly kind: 'current'; readonly document: Record<string, unknown> }
  | { readonly kind: 'migrated'; readonly document: Record<string, unknown>; readonly fromVersion: number }
  | { readonly kind: 'too-new'; readonly version: number }
  | { readonly kind: 'invalid'; readonly reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const migrate = (raw: unknown, steps: readonly MigrationStep[], currentVersion: number): MigrationOutcome => {
  if (!isRecord(raw)) return { kind: 'invalid', reason: 'the file does not hold a JSON object' };
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { kind: 'invalid', reason: 'the file has no valid "version" field' };
  }
  if (version > currentVersion) return { kind: 'too-new', version };
  let document = raw;
  for (let v = version; v < currentVersion; v += 1) {
    const step = steps.find((s) => s.from === v);
    if (!step) return { kind: 'invalid', reason: `no migration from version ${v}` };
    document = { ...step.run(document), version: v + 1 };
  }
  return version === currentVersion ? { kind: 'current', document } : { kind: 'migrated', document, fromVersion: version };
};
