import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { ContainerView, ImageView } from '../../domain/container.js';
import { ContainerRunSpec } from '../../recipes/container-run.js';
import { isImageReference } from '../../remote/commands/docker-names.js';

/** A container id (hex) or name, as docker takes it; the command builders check it again. */
const ContainerRef = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a container name or id');

const PlatformCheck = z.union([
  z.object({ ok: z.literal(true), verified: z.boolean() }),
  z.object({ ok: z.literal(false), message: z.string(), hint: z.string() }),
]);

export const containersMethods = {
  /** Every container (stopped ones too) and image on the box, from docker's JSON output. */
  'containers:list': {
    request: z.strictObject({ deviceId: Id }),
    response: z.object({ containers: z.array(ContainerView), images: z.array(ImageView) }),
  },
  /** Start, stop, restart or remove (forced: a running one too; the page asks first). */
  'containers:action': {
    request: z.strictObject({ deviceId: Id, container: ContainerRef, action: z.enum(['start', 'stop', 'restart', 'remove']) }),
    response: Empty,
  },
  /** The last lines of a container's output, stdout and stderr in order (timestamps merged). */
  'containers:logs': {
    request: z.strictObject({ deviceId: Id, container: ContainerRef, tail: z.number().int().min(1).max(100_000) }),
    response: z.object({ text: z.string() }),
  },
  /** The exact `docker run` line a spec becomes, and whether the image can run on the box (arm64). */
  'containers:run-preview': {
    request: z.strictObject({ deviceId: Id, spec: ContainerRunSpec }),
    response: z.object({ command: z.string(), platform: PlatformCheck }),
  },
  /** Runs it (an amd64-only image is refused before anything is pulled); the new container's id. */
  'containers:run': {
    request: z.strictObject({ deviceId: Id, spec: ContainerRunSpec }),
    response: z.object({ containerId: z.string(), command: z.string() }),
  },
  /**
   * Pulls an image with per-layer progress (`containers:pull-progressed`, to the caller only);
   * an amd64-only image is refused before anything is pulled. `pullId` is the caller's name for it.
   */
  'containers:pull': {
    request: z.strictObject({ deviceId: Id, image: z.string().refine(isImageReference, 'an image reference like nvcr.io/nvidia/pytorch:25.09-py3'), pullId: Id }),
    response: z.object({ reference: z.string(), upToDate: z.boolean() }),
  },
  /** Stops a pull of this caller's: docker's client ends with its terminal, and the daemon drops the pull. */
  'containers:pull-cancel': {
    request: z.strictObject({ pullId: Id }),
    response: Empty,
  },
} as const;
