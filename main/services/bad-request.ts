/**
 * A command or launch built from what the user gave: a value that docker's grammar (or our
 * quoting) refuses reaches the user as a bad request naming it, with what to do; any other error
 * is not the user's and passes on.
 */
import { AppFailure, appError } from '../../src/contract/errors.js';
import { InvalidDockerArgument } from '../../src/remote/commands/docker-names.js';

export const refusingInvalid = <T>(build: () => T, hint: string): T => {
  try {
    return build();
  } catch (error) {
    if (error instanceof InvalidDockerArgument) throw new AppFailure(appError('bad-request', error.message, hint));
    throw error;
  }
};
