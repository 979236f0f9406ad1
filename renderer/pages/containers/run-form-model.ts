/**
 * The Run form's draft (text in every box) and the ContainerRunSpec it becomes.
 * The spec is checked here with the contract's own schema, so a problem shows beside its field
 * as it is typed; main parses it again at the boundary.
 */
import { ContainerRunSpec } from '../../../src/recipes/container-run.js';
import type { RunDraft, RunSpecInput } from '../../containers/containers-store.js';

export { restartPolicies } from '../../../src/recipes/container-run.js';

let lastRowId = 0;
/** Row keys that survive removing a row above (an index would move the focus to the wrong row). */
export const nextRowId = () => ++lastRowId;

/** Problems by field: `image`, `name`, `port:<row id>`, `volume:<row id>`, `env:<row id>`, `form`. */
export type FormProblems = Readonly<Record<string, string>>;

export type BuiltSpec =
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly problems: FormProblems }
  | { readonly kind: 'ready'; readonly spec: RunSpecInput; readonly key: string };

export interface ProblemTexts {
  readonly badPort: string;
  readonly incomplete: string;
}

const parsePort = (text: string): number | undefined => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
};

const blank = (...texts: string[]) => texts.every((t) => t.trim() === '');

/** Where a schema issue is shown: its field, or the row of the list it is in. */
const fieldOf = (path: readonly PropertyKey[], rowIds: Record<string, readonly number[]>): string => {
  const [head, index] = path;
  if (head === 'image' || head === 'name') return head;
  const list = { ports: 'port', volumes: 'volume', env: 'env' }[String(head)];
  const id = typeof index === 'number' ? rowIds[String(head)]?.[index] : undefined;
  return list && id !== undefined ? `${list}:${id}` : 'form';
};

/** The spec the form stands for; rows left entirely blank are ignored (a row just added). */
export const buildRunSpec = (form: RunDraft, texts: ProblemTexts): BuiltSpec => {
  if (form.image.trim() === '') return { kind: 'empty' };
  const problems: Record<string, string> = {};
  const note = (field: string, message: string) => {
    problems[field] ??= message;
  };

  const ports = form.ports.filter((p) => !blank(p.box, p.container));
  const portSpecs = ports.map((p) => {
    const box = parsePort(p.box);
    const container = parsePort(p.container);
    if (box === undefined || container === undefined) note(`port:${p.id}`, p.box.trim() === '' || p.container.trim() === '' ? texts.incomplete : texts.badPort);
    return { box: box ?? 1, container: container ?? 1, address: p.open ? ('0.0.0.0' as const) : ('127.0.0.1' as const) };
  });

  const volumes = form.volumes.filter((v) => !blank(v.host, v.container));
  for (const v of volumes) if (blank(v.host) || blank(v.container)) note(`volume:${v.id}`, texts.incomplete);

  // A value may be empty (FOO= is a real setting); a row with only a value is not.
  const env = form.env.filter((e) => !blank(e.key, e.value));
  for (const e of env) if (blank(e.key)) note(`env:${e.id}`, texts.incomplete);

  const spec: RunSpecInput = {
    image: form.image.trim(),
    ...(form.name.trim() === '' ? {} : { name: form.name.trim() }),
    gpus: form.gpus,
    ipcHost: form.ipcHost,
    shell: form.shell,
    restart: form.restart,
    ports: portSpecs,
    volumes: volumes.map((v) => ({ host: v.host.trim(), container: v.container.trim(), readOnly: v.readOnly })),
    env: env.map((e) => ({ key: e.key.trim(), value: e.value })),
  };

  const parsed = ContainerRunSpec.safeParse(spec);
  if (!parsed.success) {
    const rowIds = { ports: ports.map((p) => p.id), volumes: volumes.map((v) => v.id), env: env.map((e) => e.id) };
    for (const issue of parsed.error.issues) note(fieldOf(issue.path, rowIds), issue.message);
  }
  return Object.keys(problems).length > 0 ? { kind: 'invalid', problems } : { kind: 'ready', spec, key: JSON.stringify(spec) };
};
