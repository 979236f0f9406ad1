/**
 * The `pgx-companion.*` labels every container the app starts carries: what it is (kind, app),
 * where it answers (port, URL path, health path) and the recipe it came from, so after a
 * reconnect, an app restart or from a second laptop the app finds its work again with one
 * `docker ps` (DESIGN: the box is the source of truth).
 *
 * `docker ps` prints labels comma-joined and unescaped (parsers/docker-labels.ts), so every value
 * here except the recipe is checked to be free of commas; the recipe is compact JSON, which the
 * label splitter keeps whole (it tracks braces and strings). `docker inspect` gives them exactly.
 */
import { InvalidDockerArgument } from './docker-names.js';

export const pgxLabelPrefix = 'pgx-companion.';

export const pgxLabelKeys = {
  kind: 'pgx-companion.kind',
  app: 'pgx-companion.app',
  port: 'pgx-companion.port',
  urlPath: 'pgx-companion.url-path',
  healthPath: 'pgx-companion.health-path',
  recipe: 'pgx-companion.recipe',
  schema: 'pgx-companion.schema',
} as const;

/** Bumped when the meaning of a label changes, so an older app can tell it reads a newer box. */
export const pgxLabelSchema = 1;

export const pgxKinds = ['app', 'container', 'serve', 'fine-tune', 'export'] as const;
export type PgxKind = (typeof pgxKinds)[number];

/** App ids: ours (`jupyterlab`, `open-webui`) and custom ones (`custom-my-app`). */
const appIdPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A URL path with an optional query: printable, no spaces and no commas (see the header). */
export const urlPathPattern = /^\/[A-Za-z0-9._~!$&'()*+;=:@%/?#-]*$/;

export interface PgxLabelSpec {
  readonly kind: PgxKind;
  readonly app?: string;
  /** The box port it answers on. */
  readonly port?: number;
  readonly urlPath?: string;
  readonly healthPath?: string;
  /** What it was started from (a JSON object); shown and re-run by a second laptop. */
  readonly recipe?: Readonly<Record<string, unknown>>;
}

export interface PgxLabelsRead {
  readonly kind: PgxKind;
  readonly app: string | null;
  readonly port: number | null;
  readonly urlPath: string | null;
  readonly healthPath: string | null;
  /** The recipe object; null when absent or not a JSON object. */
  readonly recipe: Readonly<Record<string, unknown>> | null;
  /** The label schema the box was written with; null for labels written before there was one. */
  readonly schema: number | null;
}

const isPort = (value: number): boolean => Number.isInteger(value) && value >= 1 && value <= 65535;

const checked = (value: string, valid: boolean, what: string): string => {
  if (!valid) throw new InvalidDockerArgument(`${JSON.stringify(value)} is not a valid ${what} for a label.`);
  return value;
};

/** The labels for a spec, keys sorted as docker prints them. Throws InvalidDockerArgument on a bad value. */
export const pgxLabels = (spec: PgxLabelSpec): Record<string, string> => {
  const labels: Record<string, string> = { [pgxLabelKeys.kind]: spec.kind, [pgxLabelKeys.schema]: String(pgxLabelSchema) };
  if (spec.app !== undefined) labels[pgxLabelKeys.app] = checked(spec.app, appIdPattern.test(spec.app), 'app id');
  if (spec.port !== undefined) labels[pgxLabelKeys.port] = checked(String(spec.port), isPort(spec.port), 'port');
  if (spec.urlPath !== undefined) labels[pgxLabelKeys.urlPath] = checked(spec.urlPath, urlPathPattern.test(spec.urlPath), 'URL path');
  if (spec.healthPath !== undefined) labels[pgxLabelKeys.healthPath] = checked(spec.healthPath, urlPathPattern.test(spec.healthPath), 'health path');
  if (spec.recipe !== undefined) labels[pgxLabelKeys.recipe] = JSON.stringify(spec.recipe);
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

const readRecipe = (text: string | undefined): Record<string, unknown> | null => {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const readPort = (text: string | undefined): number | null => {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return isPort(port) ? port : null;
};

const readPath = (text: string | undefined): string | null => (text !== undefined && urlPathPattern.test(text) ? text : null);

/**
 * Our labels from a container's labels (from `docker ps` or `docker inspect`); null when the
 * container is not one of ours (no known kind). Values that do not read are null, not guessed.
 */
export const readPgxLabels = (labels: Readonly<Record<string, string>>): PgxLabelsRead | null => {
  const kind = labels[pgxLabelKeys.kind];
  if (kind === undefined || !(pgxKinds as readonly string[]).includes(kind)) return null;
  const app = labels[pgxLabelKeys.app];
  const schema = labels[pgxLabelKeys.schema];
  return {
    kind: kind as PgxKind,
    app: app !== undefined && appIdPattern.test(app) ? app : null,
    port: readPort(labels[pgxLabelKeys.port]),
    urlPath: readPath(labels[pgxLabelKeys.urlPath]),
    healthPath: readPath(labels[pgxLabelKeys.healthPath]),
    recipe: readRecipe(labels[pgxLabelKeys.recipe]),
    schema: schema !== undefined && /^\d+$/.test(schema) ? Number(schema) : null,
  };
};

/** Labels that are not ours (a user's own, the image's), for showing or carrying over. */
export const otherLabels = (labels: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).filter(([key]) => !key.startsWith(pgxLabelPrefix)));

/** The `docker ps --filter` value that lists our containers (of one kind, when given). */
export const pgxLabelFilter = (kind?: PgxKind): string => (kind === undefined ? `label=${pgxLabelKeys.kind}` : `label=${pgxLabelKeys.kind}=${kind}`);
