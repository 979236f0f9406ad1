import type { Handlers } from '../rpc/router.js';
import type { DeviceService } from './device-service.js';
import { faultNames } from '../../../src/domain/faults.js';
import type { DemoBox } from '../../demo/demo-box.js';

const faultStates = (box: DemoBox) => {
  const faults = box.faults();
  return faultNames.map((fault) => ({ fault, on: faults[fault] === true }));
};

export const deviceHandlers = (
  devices: DeviceService,
): Pick<Handlers, 'devices:list' | 'devices:add-demo' | 'devices:remove' | 'devices:connect' | 'devices:disconnect' | 'demo:faults' | 'demo:set-fault'> => ({
  'devices:list': () => devices.list(),
  'devices:add-demo': () => devices.addDemo(),
  'devices:remove': ({ deviceId }) => devices.remove(deviceId),
  'devices:connect': ({ deviceId }) => devices.connect(deviceId),
  'devices:disconnect': ({ deviceId }) => devices.disconnect(deviceId),
  'demo:faults': async () => faultStates(await devices.demoBox()),
  'demo:set-fault': async ({ fault, on }) => {
    const box = await devices.demoBox();
    box.setFault(fault, on);
    return faultStates(box);
  },
});
