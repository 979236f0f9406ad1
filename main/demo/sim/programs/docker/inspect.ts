/**
 * `docker inspect`, `docker container inspect`, `docker image inspect`: the JSON array (4-space
 * indent, `[]` when nothing was found) or, with -f/--format, one rendered template per object.
 * Errors are collected and printed after the output, exit 1 (cli/command/inspect).
 */
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { GoTemplateError, checkTemplate, renderTemplate, sortMaps } from './go-template.js';
import { goJsonIndent } from './go-text.js';
import { containerInspect, imageInspect } from './inspect-json.js';
import { findContainer, findImage } from './lookup.js';
import { settle } from './stop.js';
import { flagError, fromDaemon, noSuchContainer, requiresAtLeast, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'format', short: 'f', kind: 'value' },
  { long: 'type', kind: 'value' },
  { long: 'size', short: 's', kind: 'bool' },
  { long: 'platform', kind: 'value' },
];

export type InspectScope = 'any' | 'container' | 'image';

const usageFor = (scope: InspectScope) => (scope === 'image' ? usages.imageInspect : scope === 'container' ? usages.containerInspect : usages.inspect);

/** How the daemon names a missing image: the reference with its default tag. */
const imageNotFound = (ref: string) => fromDaemon(`No such image: ${ref.includes(':') || ref.includes('@') || /^(sha256:)?[0-9a-f]{12,64}$/.test(ref) ? ref : `${ref}:latest`}`);

export const inspectCommand = (ctx: DockerCtx, argv: readonly string[], scope: InspectScope, commandPath: string): number => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usageFor(scope), commandPath)}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  if (args.length === 0) {
    io.error(`${requiresAtLeast(commandPath, 1, usageFor(scope))}\n`);
    return 1;
  }
  const type = flags.value('type');
  if (type !== undefined && !['container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume', 'config'].includes(type)) {
    io.error(`unknown type: "${type}": must be one of "config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"\n`);
    return 1;
  }
  const effective: InspectScope = scope !== 'any' ? scope : type === 'container' || type === 'image' ? type : 'any';
  const format = flags.value('format');
  const template = format === 'json' ? '{{json .}}' : format;
  if (template) {
    try {
      checkTemplate(template);
    } catch (error) {
      if (!(error instanceof GoTemplateError)) throw error;
      io.error(`template parsing error: ${error.message}\n`);
      return 64;
    }
  }

  settle(ctx);
  const state = io.read();
  const now = io.now();
  const found: unknown[] = [];
  const errors: string[] = [];
  for (const name of args) {
    const container = effective !== 'image' ? findContainer(state, name) : undefined;
    if (container) {
      found.push(containerInspect(container, state, now));
      continue;
    }
    const image = effective !== 'container' ? findImage(state, name) : undefined;
    if (image) {
      found.push(imageInspect(image));
      continue;
    }
    errors.push(effective === 'container' ? noSuchContainer(name) : effective === 'image' ? imageNotFound(name) : `Error: No such object: ${name}`);
  }

  if (template) {
    for (const item of found) {
      try {
        io.write(`${renderTemplate(template, item)}\n`);
      } catch (error) {
        if (!(error instanceof GoTemplateError)) throw error;
        errors.push(`template parsing error: ${error.message}`);
      }
    }
  } else io.write(`${goJsonIndent(sortMaps(found))}\n`);

  if (errors.length > 0) {
    io.error(`${errors.join('\n')}\n`);
    return 1;
  }
  return 0;
};
