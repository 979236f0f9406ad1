/**
 * Whether an image can run on the box (arm64), asked of the box itself: its local copy's
 * architecture, else what its registry offers. One place for the Run form's preview, a pull, a
 * run and an app's launch, so all of them refuse the same images with the same words.
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import { checkImagePlatform, type PlatformCheck } from '../../../src/recipes/container-run.js';
import { imagePlatformsCommand } from '../../../src/remote/commands/docker.js';
import { parseImagePlatforms } from '../../../src/remote/parsers/docker-manifest.js';
import type { SshConnection } from '../../ssh/connection.js';

/** What the box (or its registry) says of the image's platforms. */
export const readImagePlatform = async (box: SshConnection, image: string, timeoutMs: number): Promise<PlatformCheck> => {
  const result = await box.exec(imagePlatformsCommand(image), { timeoutMs });
  const platforms = result.code === 0 ? parseImagePlatforms(result.stdout) : undefined;
  // Neither the box nor its registry could tell (offline, a private registry): not refused, not verified.
  return checkImagePlatform(platforms?.ok ? platforms.value.architectures : [], image);
};

/** Throws the refusal (with its fix) when the image has no arm64 build. */
export const requireRunnable = (check: PlatformCheck): void => {
  if (!check.ok) throw new AppFailure(appError('image-arch-mismatch', check.message, check.hint));
};
