import { z } from 'zod';

/** A host key as the box presents it. */
export const PresentedHostKey = z.object({
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa` … */
  keyType: z.string().min(1).max(64),
  /** Base64 of the public key blob (the known_hosts form). */
  key: z.string().min(1).max(4096),
  /** `SHA256:…`, exactly as `ssh-keygen -lf` prints it. */
  fingerprint: z.string().min(1).max(128),
});
export type PresentedHostKey = z.infer<typeof PresentedHostKey>;

/** A host key the user accepted in PGX Companion (the app's own known hosts). */
export const TrustedHostKey = PresentedHostKey.extend({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  addedAt: z.number().int(),
});
export type TrustedHostKey = z.infer<typeof TrustedHostKey>;

/** What the app knows about the key a box presented. */
export const HostKeyCheck = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trusted'), source: z.enum(['app', 'openssh']), presented: PresentedHostKey }),
  z.object({ kind: z.literal('unknown'), presented: PresentedHostKey }),
  z.object({
    kind: z.literal('changed'),
    presented: PresentedHostKey,
    /** Where the old key is recorded: the app's list, or the user's known_hosts (with its lines). */
    source: z.enum(['app', 'openssh']),
    expectedFingerprints: z.array(z.string()),
    knownHostsLines: z.array(z.number().int()),
  }),
  z.object({ kind: z.literal('revoked'), presented: PresentedHostKey }),
]);
export type HostKeyCheck = z.infer<typeof HostKeyCheck>;
