import { createHash } from 'node:crypto';

/** The SHA256 fingerprint of an SSH public key blob, as `ssh-keygen -lf` prints it. */
export const sshFingerprint = (publicKeyBlob: Buffer): string =>
  `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
