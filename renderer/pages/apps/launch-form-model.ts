/**
 * The launch form as typed (text in every box) → the app spec main runs, or which fields are
 * wrong. The command shown under the form is launch(spec) of this very spec: main parses the
 * same spec and runs the same pure function, so what is shown is what runs.
 */
import { AppSpec, type AppId, type AppSpecInput, appDefaults, appStartupMs } from '../../../src/recipes/app-specs.js';

export interface LaunchDraft {
  readonly boxPort: string;
  readonly image: string;
  readonly notebookDir: string;
  readonly mode: 'service' | 'container';
  readonly ollamaPort: string;
  readonly name: string;
  readonly urlPath: string;
  readonly healthPath: string;
  readonly startupSeconds: string;
  readonly runKind: 'host' | 'container';
  readonly script: string;
  readonly containerPort: string;
}

export type LaunchField = keyof LaunchDraft;

const defaultPort: Record<AppId, string> = {
  jupyterlab: String(appDefaults.jupyterlab.port),
  ollama: String(appDefaults.ollama.port),
  'open-webui': String(appDefaults.openWebui.port),
  'dgx-dashboard': String(appDefaults.dgxDashboard.port),
  custom: '',
};

const defaultImage: Record<AppId, string> = {
  jupyterlab: appDefaults.jupyterlab.image,
  ollama: appDefaults.ollama.image,
  'open-webui': appDefaults.openWebui.image,
  'dgx-dashboard': '',
  custom: '',
};

export const draftFor = (app: AppId): LaunchDraft => ({
  boxPort: defaultPort[app],
  image: defaultImage[app],
  notebookDir: appDefaults.jupyterlab.notebookDir,
  mode: 'service',
  ollamaPort: String(appDefaults.ollama.port),
  name: '',
  urlPath: '/',
  healthPath: '/',
  startupSeconds: String(appStartupMs.custom / 1000),
  runKind: 'host',
  script: '',
  containerPort: '',
});

/** A custom app's id from its name: lower-case letters, digits and dashes (container and job names). */
export const customIdFrom = (name: string): string =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'app';

const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The fields of a draft that become the spec's `path` (for mapping zod's issues back). */
const fieldOf = (path: readonly PropertyKey[]): LaunchField | undefined => {
  const [first, second, third] = path.map(String);
  if (first === 'run') {
    if (second === 'script') return 'script';
    if (second === 'containerPort') return 'containerPort';
    if (second === 'container' && third === 'image') return 'image';
    return 'script';
  }
  const direct: Record<string, LaunchField> = { boxPort: 'boxPort', image: 'image', notebookDir: 'notebookDir', ollamaPort: 'ollamaPort', name: 'name', id: 'name', urlPath: 'urlPath', healthPath: 'healthPath', startupSeconds: 'startupSeconds' };
  return first === undefined ? undefined : direct[first];
};

export type BuiltSpec = { readonly ok: true; readonly spec: AppSpecInput } | { readonly ok: false; readonly errors: Partial<Record<LaunchField, string>> };

export const buildAppSpec = (app: AppId, draft: LaunchDraft, token: string): BuiltSpec => {
  const port = number(draft.boxPort);
  const input: Record<string, unknown> = (() => {
    switch (app) {
      case 'jupyterlab':
        return { app, token, boxPort: port, image: draft.image.trim(), notebookDir: draft.notebookDir.trim() };
      case 'ollama':
        return { app, mode: draft.mode, boxPort: port, image: draft.image.trim() };
      case 'open-webui':
        return { app, boxPort: port, image: draft.image.trim(), ollamaPort: number(draft.ollamaPort) };
      case 'dgx-dashboard':
        return { app, boxPort: port };
      case 'custom':
        return {
          app,
          id: customIdFrom(draft.name),
          name: draft.name,
          boxPort: port,
          urlPath: draft.urlPath.trim() || '/',
          healthPath: draft.healthPath.trim() || '/',
          startupSeconds: number(draft.startupSeconds),
          run: draft.runKind === 'host' ? { kind: 'host', script: draft.script } : { kind: 'container', containerPort: number(draft.containerPort), container: { image: draft.image.trim() } },
        };
    }
  })();
  const parsed = AppSpec.safeParse(input);
  if (parsed.success) return { ok: true, spec: input as AppSpecInput };
  const errors: Partial<Record<LaunchField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    if (field && errors[field] === undefined) errors[field] = issue.message;
  }
  // An issue that names no field still must not let the form through.
  if (Object.keys(errors).length === 0) errors.name = parsed.error.issues[0]?.message ?? 'invalid';
  return { ok: false, errors };
};
