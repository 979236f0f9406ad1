import { z } from 'zod';
import { Empty, Id, Name, payloadLimits } from '../schema-helpers.js';
import { DeviceView, JumpHost } from '../../domain/device.js';
import { HostKeyCheck, PresentedHostKey } from '../../domain/host-key.js';

const DeviceRef = z.strictObject({ deviceId: Id });

const HostName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._:[\]%-]+$/, 'a host name, .local name or IP address');
const Port = z.number().int().min(1).max(65535);
const User = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*\$?$/, 'a Linux user name');

/** How to log in the first time. A password is used once for the key bootstrap, then forgotten. */
export const NewDeviceAuth = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('password'), password: z.string().min(1).max(1024) }),
  z.strictObject({ kind: z.literal('key-file'), path: z.string().min(1).max(payloadLimits.pathLength), passphrase: z.string().max(1024).optional(), rememberPassphrase: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('agent') }),
]);

export const ImportedHost = z.object({
  alias: z.string(),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  identityFile: z.string().optional(),
  jump: z.array(JumpHost),
});

export const DiscoveredBox = z.object({
  /** `spark-1a2b.local` */
  host: z.string(),
  port: z.number().int(),
  /** The instance name as announced (`spark-1a2b`). */
  name: z.string(),
  addresses: z.array(z.string()),
  service: z.enum(['ssh', 'workstation']),
});

/** A key the user accepted in this dialog, for the box or one of its jump hosts. */
export const AcceptedKey = PresentedHostKey.extend({ host: HostName, port: Port });

export const ProbeResult = z.object({
  /** Whose key this is: the box, or the first jump host whose key is not trusted yet. */
  host: z.string(),
  port: z.number().int(),
  check: HostKeyCheck,
});

export const devicesMethods = {
  'devices:list': { request: Empty, response: z.array(DeviceView) },
  /** Adds the built-in demo box (or returns it if it is there already) and connects to it. */
  'devices:add-demo': { request: Empty, response: DeviceView },
  /** Asks a box for its host key (no login) and says whether it is trusted, new, or changed. */
  'devices:probe-host': {
    request: z.strictObject({ host: HostName, port: Port, user: User.optional(), auth: NewDeviceAuth.optional(), jump: z.array(JumpHost).max(8).default([]), accepted: z.array(AcceptedKey).max(9).default([]) }),
    response: ProbeResult,
  },
  /** Adds a box whose host key the user accepted: bootstraps a key from a password, connects. */
  'devices:add': {
    request: z.strictObject({
      name: Name.optional(),
      host: HostName,
      port: Port,
      user: User,
      auth: NewDeviceAuth,
      jump: z.array(JumpHost).max(8).default([]),
      /** Keys accepted for the box and its jump hosts (each shown with its fingerprint first). */
      accepted: z.array(AcceptedKey).max(9).default([]),
    }),
    response: DeviceView,
  },
  'devices:rename': { request: z.strictObject({ deviceId: Id, name: Name }), response: z.array(DeviceView) },
  'devices:reorder': { request: z.strictObject({ deviceIds: z.array(Id).max(256) }), response: z.array(DeviceView) },
  /** Removes a box; with forgetSecrets its app key and remembered passphrase go too. */
  'devices:remove': { request: z.strictObject({ deviceId: Id, forgetSecrets: z.boolean().default(true) }), response: z.array(DeviceView) },
  'devices:connect': { request: DeviceRef, response: DeviceView },
  /** Connects a box whose key file needs its passphrase; kept for this session, or remembered. */
  'devices:unlock': { request: z.strictObject({ deviceId: Id, passphrase: z.string().min(1).max(1024), remember: z.boolean().default(false) }), response: DeviceView },
  'devices:disconnect': { request: DeviceRef, response: DeviceView },
  /** Removes the app's trusted key for host:port, so a new one can be checked and accepted. */
  'devices:forget-host-key': { request: z.strictObject({ host: HostName, port: Port }), response: Empty },
  /** Hosts from ~/.ssh/config (read only). */
  'devices:import-ssh-config': { request: Empty, response: z.array(ImportedHost) },
  /** Boxes announcing SSH or a workstation service on the local network (mDNS / DNS-SD). */
  'devices:discover': { request: Empty, response: z.array(DiscoveredBox) },
} as const;
