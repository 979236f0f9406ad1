/**
 * `systemctl` of the simulated box, as the demo user reaches it over SSH (systemd 255):
 *  - `is-active [-q] UNIT…`: one state word per unit; exit 0 when at least one is active, 4 when
 *    none of them exists (printed `inactive`), else 3 (systemctl-is-active.c; systemd PRs #2430
 *    and #25689).
 *  - `status UNIT…`: the status block; exit 0 running, 3 not running, 4 `could not be found`.
 *  - `start|stop|restart|reload|enable|disable [--now] UNIT…`: refused as polkit refuses a
 *    non-root user with no agent to ask for a password, exit 1. The simulated box has no sudo,
 *    so nobody can change a unit here; the app tells the user to run `sudo systemctl …` themselves.
 */
import type { Program } from '../../io.js';
import { activeState, statusBlock, unitName } from './systemctl-units.js';

/** Options that change nothing in what this systemctl prints. */
const ignoredOptions = new Set(['--no-pager', '--now', '--full', '-l', '--no-legend', '--no-ask-password', '--system', '--plain']);

/** Verbs that queue a job: their refusal names the job and points at the status (systemctl-start-unit.c). */
const jobVerbs = new Set(['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart']);
/** Verbs that change unit files: their refusal names the verb only (systemctl-enable.c). */
const fileVerbs = new Set(['enable', 'disable', 'reenable', 'mask', 'unmask']);

const authRequired = 'Interactive authentication required.';

export const systemctl: Program = async (io) => {
  let quiet = false;
  const words: string[] = [];
  for (const arg of io.argv) {
    if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (ignoredOptions.has(arg)) continue;
    else if (arg.startsWith('--')) {
      io.error(`systemctl: unrecognized option '${arg}'\n`);
      return 1;
    } else if (arg.startsWith('-') && arg.length > 1) {
      io.error(`systemctl: invalid option -- '${arg.slice(1, 2)}'\n`);
      return 1;
    } else words.push(arg);
  }
  const [verb, ...names] = words;
  if (verb === undefined) {
    io.error('demo box: the simulated systemctl knows is-active, status, start, stop, restart, enable and disable.\n');
    return 1;
  }
  const isKnown = verb === 'is-active' || verb === 'status' || jobVerbs.has(verb) || fileVerbs.has(verb);
  if (!isKnown) {
    io.error(`Unknown command verb '${verb}'.\n`);
    return 1;
  }
  if (names.length === 0 && verb !== 'status') {
    io.error('Too few arguments.\n');
    return 1;
  }
  const units = names.map(unitName);
  const state = io.read();

  if (verb === 'is-active') {
    const states = units.map((u) => activeState(state, u));
    if (!quiet) io.write(states.map((s) => `${s ?? 'inactive'}\n`).join(''));
    if (states.includes('active')) return 0;
    return states.every((s) => s === undefined) ? 4 : 3;
  }

  if (verb === 'status') {
    if (units.length === 0) {
      io.error('demo box: the simulated systemctl shows the status of named units only (systemctl status UNIT).\n');
      return 1;
    }
    let code = 0;
    units.forEach((unit, i) => {
      const block = statusBlock(state, unit, io.now());
      if (!block) io.error(`Unit ${unit} could not be found.\n`);
      else io.write(`${i > 0 ? '\n' : ''}${block.text}`);
      // systemctl returns the first unit's failure.
      if (code === 0) code = !block ? 4 : block.active ? 0 : 3;
    });
    return code;
  }

  if (fileVerbs.has(verb)) {
    io.error(`Failed to ${verb} unit: ${authRequired}\n`);
    return 1;
  }
  for (const unit of units) io.error(`Failed to ${verb} ${unit}: ${authRequired}\nSee system logs and 'systemctl status ${unit}' for details.\n`);
  return 1;
};
