import type { Handlers } from '../rpc/router.js';
import type { StagingArea } from './staging-area.js';

export const stagingHandlers = (staging: StagingArea): Pick<Handlers, 'files:stage-begin' | 'files:stage-chunk' | 'files:stage-end' | 'files:stage-discard'> => ({
  'files:stage-begin': ({ name, size }) => staging.begin(name, size),
  'files:stage-chunk': ({ stageId, offset, data }) => staging.chunk(stageId, offset, data),
  'files:stage-end': ({ stageId }) => staging.end(stageId),
  'files:stage-discard': async ({ stageId }) => {
    await staging.discard(stageId);
    return {};
  },
});
