import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../src/contract/errors.js';
import { InvalidDockerArgument } from '../../src/remote/commands/docker-names.js';
import { refusingInvalid } from './bad-request.js';

describe('refusingInvalid', () => {
  it('answers what was built', () => {
    expect(refusingInvalid(() => 'docker ps', 'Fix it.')).toBe('docker ps');
  });

  it('turns a refused value into a bad request naming it, with the hint', () => {
    const attempt = () =>
      refusingInvalid(() => {
        throw new InvalidDockerArgument('"a b" is not a container name.');
      }, 'Correct the field and try again.');
    expect(attempt).toThrow(AppFailure);
    expect(attempt).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'bad-request', message: '"a b" is not a container name.', hint: 'Correct the field and try again.' }) }));
  });

  it('lets any other error pass as it is', () => {
    const bug = new TypeError('not the user’s');
    expect(() =>
      refusingInvalid(() => {
        throw bug;
      }, 'Fix it.'),
    ).toThrow(bug);
  });
});
