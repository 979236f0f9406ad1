import { z } from 'zod';

/** A container on the box, as the Containers page lists it (from `docker ps -a` JSON lines). */
export const ContainerView = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  /** up, exited, created, paused, restarting … (docker's status words). */
  state: z.string(),
  /** docker's own status text ("Up 2 hours", "Exited (0) 3 minutes ago"). */
  status: z.string(),
  health: z.string().nullable(),
  /** Published ports as `hostIp:hostPort→containerPort/proto`, and exposed ones as `containerPort/proto`. */
  ports: z.array(z.string()),
  createdAt: z.number().nullable(),
  /** Ours (pgx-companion.kind label): 'app', 'container', 'server' …; null for the user's own. */
  pgxKind: z.string().nullable(),
  app: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type ContainerView = z.infer<typeof ContainerView>;

export const ImageView = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  createdAt: z.number().nullable(),
});
export type ImageView = z.infer<typeof ImageView>;
