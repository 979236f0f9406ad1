/**
 * The Run form against a real OpenSSH server whose user has the GB10 simulator first on PATH: the
 * command the form shows is byte for byte the command sshd handed to the box's shell (recorded by a
 * ForceCommand wrapper), the container is listed with our labels, and stop and remove work.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { addSshdDevice } from './helpers.js';
import { startSshd } from './harness/sshd.js';
import { tmpdir } from 'node:os';

/** A ForceCommand that appends each command to a log (NUL-separated) and then runs it as sshd would. */
const recordingShell = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgx-received-'));
  chmodSync(dir, 0o777);
  const log = join(dir, 'received.log');
  writeFileSync(log, '', { mode: 0o666 });
  chmodSync(log, 0o666);
  const script = join(dir, 'record.sh');
  writeFileSync(
    script,
    ['#!/bin/bash', `printf '%s\\0' "$SSH_ORIGINAL_COMMAND" >> ${log}`, 'if [ -n "$SSH_ORIGINAL_COMMAND" ]; then exec bash -c "$SSH_ORIGINAL_COMMAND"; fi', 'exec bash -l', ''].join('\n'),
    { mode: 0o755 },
  );
  chmodSync(dir, 0o755);
  return { script, received: () => readFileSync(log, 'utf8').split('\0') };
};

test('run a container over real SSH: the command shown is the command received, labelled, stopped, removed', async ({ page, app }) => {
  test.setTimeout(150_000);
  const recorder = recordingShell();
  const sshd = await startSshd({ simulator: true, extraConfig: [`ForceCommand ${recorder.script}`] });
  test.skip(!sshd.canPassword, 'adding a box by password needs the harness to run as root');
  try {
    await page.goto(app.url);
    await addSshdDevice(page, sshd);
    await page.getByTestId('nav-containers').click();
    await expect(page.getByTestId('containers-table').or(page.getByTestId('containers-empty'))).toBeVisible({ timeout: 20_000 });

    await page.getByTestId('run-image').fill('nvcr.io/nvidia/pytorch:25.09-py3');
    await page.getByTestId('run-name').fill('e2e-sshd-torch');
    await expect(page.getByTestId('run-command')).toContainText('docker run -d -it --name e2e-sshd-torch', { timeout: 15_000 });
    await expect(page.getByTestId('run-platform')).toHaveAttribute('data-verdict', /verified/);
    const shown = (await page.getByTestId('run-command').textContent())!;
    await page.getByTestId('run-submit').click();
    await expect(page.getByTestId('run-result')).toBeVisible({ timeout: 90_000 });
    expect(recorder.received()).toContain(shown);

    const row = page.locator('[data-testid=container-row][data-name=e2e-sshd-torch]');
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row.getByTestId('container-ours')).toBeVisible();
    const labels = JSON.parse(sshd.sshExec(`docker inspect --format '{{json .Config.Labels}}' e2e-sshd-torch`)) as Record<string, string>;
    expect(labels).toMatchObject({ 'pgx-companion.kind': 'container', 'pgx-companion.schema': '1' });
    expect(JSON.parse(labels['pgx-companion.recipe']!)).toMatchObject({ image: 'nvcr.io/nvidia/pytorch:25.09-py3', name: 'e2e-sshd-torch' });

    await row.getByTestId('container-action-stop').click();
    await expect(row).toHaveAttribute('data-state', 'exited', { timeout: 30_000 });
    await row.getByTestId('container-action-remove').click();
    await page.getByTestId('container-remove-confirm').click();
    await expect(row).toHaveCount(0, { timeout: 15_000 });
    expect(sshd.sshExec(`docker ps -a --format '{{.Names}}'`)).not.toContain('e2e-sshd-torch');
  } finally {
    await sshd.stop();
  }
});
