/**
 * The `Labels` field of `docker ps --format '{{json .}}'`: docker joins `key=value` pairs with
 * commas after sorting them as strings (formatter.ContainerContext.Labels, docker/cli 28) and
 * escapes nothing, so a value holding a comma — or `,other=thing` — is ambiguous.
 *
 * How this splits, and why it is still only a best reading:
 *   1. Split on every comma.
 *   2. A piece starts a new label when it looks like `key=…` (a key is letters, digits and
 *      `._/-`, as label keys are in practice) AND, read as a label, it does not sort before the
 *      label read so far (docker printed them sorted). Otherwise the piece (with its comma) is
 *      part of the previous value: `a=x,y` → {a: 'x,y'}; `z=1,b=2` → {z: '1,b=2'} because `b=2`
 *      cannot follow `z=1` in docker's order.
 *   3. While the value so far is "open" — an odd number of unescaped `"`, or more `{`/`[` than
 *      closers (JSON in a label) — a comma is inside it: `spec={"a":1,"b":"x,y=z"}` is one label.
 *   4. What remains ambiguous (`a=1,z=2` could be one label `a`) is read as separate labels.
 * For exact values use `docker inspect --format '{{json .Config.Labels}}'`; the app keeps its own
 * `pgx-companion.*` values free of commas so they survive this path too.
 */

const keyStart = /^[A-Za-z0-9][A-Za-z0-9._/-]*=/;

/** Go's sort.Strings order (UTF-8 bytes), which code-point order equals. */
const compareCodePoints = (a: string, b: string): number => {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/** Whether a value is inside a JSON string or structure at its end. */
const isOpen = (pair: string): boolean => {
  const value = pair.slice(pair.indexOf('=') + 1);
  let quotes = 0;
  let depth = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\') i += 1;
    else if (c === '"') quotes += 1;
    else if (quotes % 2 === 0 && (c === '{' || c === '[')) depth += 1;
    else if (quotes % 2 === 0 && (c === '}' || c === ']')) depth -= 1;
  }
  return quotes % 2 === 1 || depth > 0;
};

export const splitDockerLabels = (text: string | null | undefined): Record<string, string> => {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  const pairs: string[] = [];
  for (const piece of text.split(',')) {
    const previous = pairs[pairs.length - 1];
    const startsLabel = keyStart.test(piece) && (previous === undefined || (!isOpen(previous) && compareCodePoints(piece, previous) >= 0));
    if (startsLabel || previous === undefined) pairs.push(piece);
    else pairs[pairs.length - 1] = `${previous},${piece}`;
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 0) labels[pair] = '';
    else labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
};
