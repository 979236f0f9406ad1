import type { Handlers } from '../rpc/router.js';
import type { DeviceService } from './device-service.js';
import { faultNames } from '../../../src/domain/faults.js';
import type { DemoBox } from '../../demo/demo-box.js';

const faultStates = (box: DemoBox) => {
  const faults = box.faults();
  return faultNames.map((fault) => ({ fault, on: faults[fault] === true }));
};

type DeviceMethod = Extract<keyof Handlers, `devices:${string}` | `demo:${string}`>;

export const deviceHandlers = (devices: DeviceService): Pick<Handlers, DeviceMethod> => ({
  'devices:list': () => devices.list(),
  'devices:add-demo': () => devices.addDemo(),
  'devices:probe-host': (input) => devices.probeHost(input),
  'devices:add': (input) => devices.add(input),
  'devices:rename': ({ deviceId, name }) => devices.rename(deviceId, name),
  'devices:reorder': ({ deviceIds }) => devices.reorder(deviceIds),
  'devices:remove': ({ deviceId, forgetSecrets }) => devices.remove(deviceId, forgetSecrets),
  'devices:connect': ({ deviceId }) => devices.connect(deviceId),
  'devices:unlock': ({ deviceId, passphrase, remember }) => devices.unlock(deviceId, passphrase, remember),
  'devices:disconnect': ({ deviceId }) => devices.disconnect(deviceId),
  'devices:forget-host-key': ({ host, port }) => (devices.forgetHostKey(host, port), {}),
  'devices:import-ssh-config': () => devices.importSshConfig().map((h) => ({ ...h, jump: [...h.jump], ...(h.identityFile ? { identityFile: h.identityFile } : { identityFile: undefined }) })),
  'devices:discover': () => devices.discover(),
  'demo:faults': async () => faultStates(await devices.demoBox()),
  'demo:set-fault': async ({ fault, on }) => {
    const box = await devices.demoBox();
    box.setFault(fault, on);
    return faultStates(box);
  },
});
