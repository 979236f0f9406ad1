import { describe, expect, it } from 'vitest';
import { launch } from '../../../src/recipes/apps.js';
import { buildAppSpec, customIdFrom, draftFor } from './launch-form-model.js';

const token = '0123456789abcdef0123456789abcdef';

describe('the launch form', () => {
  it('turns the JupyterLab defaults into a spec whose command carries the token and the notebooks folder', () => {
    const built = buildAppSpec('jupyterlab', draftFor('jupyterlab'), token);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const plan = launch(built.spec);
    expect(plan.command).toContain(`JUPYTER_TOKEN=${token}`);
    expect(plan.command).toMatch(/^mkdir -p "\$HOME"\/notebooks && docker run -d /);
    expect(plan.urlPath).toBe(`/lab?token=${token}`);
  });

  it('marks a bad port and a bad folder on their fields', () => {
    const built = buildAppSpec('jupyterlab', { ...draftFor('jupyterlab'), boxPort: '70000', notebookDir: 'notebooks' }, token);
    expect(built).toMatchObject({ ok: false, errors: { boxPort: expect.any(String), notebookDir: expect.stringMatching(/folder on the box/) } });
  });

  it('starts nothing for DGX OS’s Ollama service', () => {
    const built = buildAppSpec('ollama', draftFor('ollama'), token);
    expect(built.ok && launch(built.spec).command).toBeNull();
  });

  it('builds a custom host app with an id from its name', () => {
    expect(customIdFrom('My TensorBoard!')).toBe('my-tensorboard');
    expect(customIdFrom('训练')).toBe('app');
    const built = buildAppSpec('custom', { ...draftFor('custom'), name: 'My TensorBoard', boxPort: '6006', script: 'tensorboard --logdir ~/runs --port 6006' }, token);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.spec).toMatchObject({ app: 'custom', id: 'my-tensorboard', boxPort: 6006 });
    expect(launch(built.spec).command).toContain('setsid nohup bash -lc');
  });

  it('asks a custom app for its script, port and, in a container, its image', () => {
    const host = buildAppSpec('custom', { ...draftFor('custom'), name: 'x' }, token);
    expect(host).toMatchObject({ ok: false, errors: { boxPort: expect.any(String), script: expect.any(String) } });
    const boxed = buildAppSpec('custom', { ...draftFor('custom'), name: 'x', boxPort: '9000', runKind: 'container', containerPort: '80' }, token);
    expect(boxed).toMatchObject({ ok: false, errors: { image: expect.any(String) } });
  });
});
