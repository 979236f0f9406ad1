import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { splitDockerLabels } from '../parsers/docker-labels.js';
import { InvalidDockerArgument } from './docker-names.js';
import { otherLabels, pgxLabelFilter, pgxLabels, readPgxLabels } from './pgx-labels.js';

/** What `docker ps --format '{{json .}}'` puts in Labels: `k=v` pairs sorted as strings, comma-joined. */
const asDockerPs = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',');

describe('pgxLabels', () => {
  it('writes every key, sorted as docker prints them', () => {
    expect(pgxLabels({ kind: 'app', app: 'jupyterlab', port: 8888, urlPath: '/lab', healthPath: '/api', recipe: { app: 'jupyterlab', boxPort: 8888 } })).toEqual({
      'pgx-companion.app': 'jupyterlab',
      'pgx-companion.health-path': '/api',
      'pgx-companion.kind': 'app',
      'pgx-companion.port': '8888',
      'pgx-companion.recipe': '{"app":"jupyterlab","boxPort":8888}',
      'pgx-companion.schema': '1',
      'pgx-companion.url-path': '/lab',
    });
    expect(Object.keys(pgxLabels({ kind: 'container' }))).toEqual(['pgx-companion.kind', 'pgx-companion.schema']);
  });

  it('refuses values that would not survive docker ps (commas, spaces) or are not what they claim', () => {
    expect(() => pgxLabels({ kind: 'app', port: 0 })).toThrow(InvalidDockerArgument);
    expect(() => pgxLabels({ kind: 'app', port: 65536 })).toThrow(InvalidDockerArgument);
    expect(() => pgxLabels({ kind: 'app', port: 80.5 })).toThrow(InvalidDockerArgument);
    expect(() => pgxLabels({ kind: 'app', urlPath: '/a,b=c' })).toThrow(InvalidDockerArgument);
    expect(() => pgxLabels({ kind: 'app', urlPath: 'lab' })).toThrow(InvalidDockerArgument);
    expect(() => pgxLabels({ kind: 'app', healthPath: '/a b' })).toThrow(InvalidDockerArgument);
    expect(() => pgxLabels({ kind: 'app', app: 'Jupyter Lab' })).toThrow(InvalidDockerArgument);
    for (const value of hostileStrings) expect(() => pgxLabels({ kind: 'app', app: value })).toThrow(InvalidDockerArgument);
  });
});

describe('readPgxLabels', () => {
  const recipe = { name: 'My, app', note: 'a,b=c', script: "it's $(x) {weird} \"quoted\"", list: [1, 'x,y'], nested: { 'z=1': ',' } };
  const ours = pgxLabels({ kind: 'app', app: 'custom-web', port: 9000, urlPath: '/ui?x=1', healthPath: '/health', recipe });

  it('reads back exactly what it wrote (the docker inspect path)', () => {
    expect(readPgxLabels(ours)).toEqual({ kind: 'app', app: 'custom-web', port: 9000, urlPath: '/ui?x=1', healthPath: '/health', recipe, schema: 1 });
  });

  it('reads back through the comma-joined Labels of docker ps, beside the image labels', () => {
    const image = { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>', 'com.nvidia.cuda.version': '13.0.1.012', 'zzz.note': 'last' };
    const parsed = splitDockerLabels(asDockerPs({ ...image, ...ours }));
    expect(parsed).toEqual({ ...image, ...ours });
    expect(readPgxLabels(parsed)?.recipe).toEqual(recipe);
  });

  it('keeps hostile recipe values whole through docker ps', () => {
    for (const value of hostileStrings) {
      const labels = pgxLabels({ kind: 'container', recipe: { value, after: 'x' } });
      expect(readPgxLabels(splitDockerLabels(asDockerPs(labels)))?.recipe).toEqual({ value, after: 'x' });
    }
  });

  it('is null for containers that are not ours, and reads bad values as null', () => {
    expect(readPgxLabels({})).toBeNull();
    expect(readPgxLabels({ 'pgx-companion.kind': 'something-new' })).toBeNull();
    expect(readPgxLabels({ 'com.docker.compose.project': 'demo' })).toBeNull();
    expect(readPgxLabels({ 'pgx-companion.kind': 'app', 'pgx-companion.port': '99999', 'pgx-companion.recipe': '[1,2]', 'pgx-companion.url-path': 'nope', 'pgx-companion.app': 'Bad App' })).toEqual({
      kind: 'app',
      app: null,
      port: null,
      urlPath: null,
      healthPath: null,
      recipe: null,
      schema: null,
    });
    expect(readPgxLabels({ 'pgx-companion.kind': 'serve', 'pgx-companion.recipe': '{not json' })?.recipe).toBeNull();
  });

  it('separates our labels from the rest, and filters docker ps by them', () => {
    expect(otherLabels({ ...ours, maintainer: 'x', 'pgx-companionx': 'y' })).toEqual({ maintainer: 'x', 'pgx-companionx': 'y' });
    expect(pgxLabelFilter()).toBe('label=pgx-companion.kind');
    expect(pgxLabelFilter('app')).toBe('label=pgx-companion.kind=app');
  });
});
