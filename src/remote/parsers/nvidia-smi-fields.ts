/**
 * The `--query-gpu` and `--query-compute-apps` field names nvidia-smi accepts, as its
 * `--help-query-gpu` text lists them (README §1.3 of the captures). The CSV header shows the
 * canonical name, whatever alias was asked for (`gpu_name` → `name`, `clocks.gr` →
 * `clocks.current.graphics [MHz]`), with the unit in brackets; `temperature.*` has none.
 */

export type FieldKind = 'number' | 'text';

export interface QueryField {
  /** The name the header prints. */
  readonly canonical: string;
  /** Unit in the header (`[W]`) and after each value unless `nounits`; null for none. */
  readonly unit: string | null;
  readonly kind: FieldKind;
}

const field = (canonical: string, kind: FieldKind, unit: string | null = null): QueryField => ({ canonical, kind, unit });
const text = (canonical: string) => field(canonical, 'text');
const num = (canonical: string, unit: string | null = null) => field(canonical, 'number', unit);

const reasons = [
  'supported',
  'active',
  'gpu_idle',
  'applications_clocks_setting',
  'sw_power_cap',
  'hw_slowdown',
  'hw_thermal_slowdown',
  'hw_power_brake_slowdown',
  'sw_thermal_slowdown',
  'sync_boost',
] as const;

/** Every accepted spelling → its field. Aliases map to the same object as their canonical name. */
const gpuFieldList: ReadonlyArray<readonly [readonly string[], QueryField]> = [
  [['timestamp'], text('timestamp')],
  [['driver_version'], text('driver_version')],
  [['count'], num('count')],
  [['name', 'gpu_name'], text('name')],
  [['serial', 'gpu_serial'], text('serial')],
  [['uuid', 'gpu_uuid'], text('uuid')],
  [['pci.bus_id', 'gpu_bus_id'], text('pci.bus_id')],
  [['pci.domain'], text('pci.domain')],
  [['pci.bus'], text('pci.bus')],
  [['pci.device'], text('pci.device')],
  [['pci.device_id'], text('pci.device_id')],
  [['pci.sub_device_id'], text('pci.sub_device_id')],
  [['pcie.link.gen.current'], num('pcie.link.gen.current')],
  [['pcie.link.gen.max'], num('pcie.link.gen.max')],
  [['pcie.link.width.current'], num('pcie.link.width.current')],
  [['pcie.link.width.max'], num('pcie.link.width.max')],
  [['index'], num('index')],
  [['display_mode'], text('display_mode')],
  [['display_active'], text('display_active')],
  [['persistence_mode'], text('persistence_mode')],
  [['compute_mode'], text('compute_mode')],
  [['compute_cap'], text('compute_cap')],
  [['pstate'], text('pstate')],
  [['vbios_version'], text('vbios_version')],
  [['fan.speed'], num('fan.speed', '%')],
  [['utilization.gpu'], num('utilization.gpu', '%')],
  [['utilization.memory'], num('utilization.memory', '%')],
  [['utilization.encoder'], num('utilization.encoder', '%')],
  [['utilization.decoder'], num('utilization.decoder', '%')],
  [['temperature.gpu'], num('temperature.gpu')],
  [['temperature.memory'], num('temperature.memory')],
  [['power.management'], text('power.management')],
  [['power.draw'], num('power.draw', 'W')],
  [['power.draw.average'], num('power.draw.average', 'W')],
  [['power.draw.instant'], num('power.draw.instant', 'W')],
  [['power.limit'], num('power.limit', 'W')],
  [['enforced.power.limit'], num('enforced.power.limit', 'W')],
  [['power.default_limit'], num('power.default_limit', 'W')],
  [['power.min_limit'], num('power.min_limit', 'W')],
  [['power.max_limit'], num('power.max_limit', 'W')],
  [['clocks.current.graphics', 'clocks.gr'], num('clocks.current.graphics', 'MHz')],
  [['clocks.current.sm', 'clocks.sm'], num('clocks.current.sm', 'MHz')],
  [['clocks.current.memory', 'clocks.mem'], num('clocks.current.memory', 'MHz')],
  [['clocks.current.video', 'clocks.video'], num('clocks.current.video', 'MHz')],
  [['clocks.max.graphics', 'clocks.max.gr'], num('clocks.max.graphics', 'MHz')],
  [['clocks.max.sm'], num('clocks.max.sm', 'MHz')],
  [['clocks.max.memory', 'clocks.max.mem'], num('clocks.max.memory', 'MHz')],
  [['memory.total'], num('memory.total', 'MiB')],
  [['memory.reserved'], num('memory.reserved', 'MiB')],
  [['memory.used'], num('memory.used', 'MiB')],
  [['memory.free'], num('memory.free', 'MiB')],
  // Renamed clocks_event_reasons.* in 535; both spellings are accepted and echoed as asked
  // (no capture shows which one the header prints).
  ...reasons.flatMap((r): Array<readonly [readonly string[], QueryField]> => [
    [[`clocks_throttle_reasons.${r}`], text(`clocks_throttle_reasons.${r}`)],
    [[`clocks_event_reasons.${r}`], text(`clocks_event_reasons.${r}`)],
  ]),
];

const computeAppFieldList: ReadonlyArray<readonly [readonly string[], QueryField]> = [
  [['timestamp'], text('timestamp')],
  [['gpu_name'], text('gpu_name')],
  [['gpu_bus_id'], text('gpu_bus_id')],
  [['gpu_serial'], text('gpu_serial')],
  [['gpu_uuid'], text('gpu_uuid')],
  [['pid'], num('pid')],
  [['process_name', 'name'], text('process_name')],
  // The header says used_gpu_memory although the usual key is used_memory (capture (9)).
  [['used_memory', 'used_gpu_memory'], num('used_gpu_memory', 'MiB')],
];

const index = (list: ReadonlyArray<readonly [readonly string[], QueryField]>): ReadonlyMap<string, QueryField> =>
  new Map(list.flatMap(([names, f]) => names.map((n) => [n, f] as const)));

export const gpuFields: ReadonlyMap<string, QueryField> = index(gpuFieldList);
export const computeAppFields: ReadonlyMap<string, QueryField> = index(computeAppFieldList);

/** The header cell nvidia-smi prints for a field: `power.draw [W]`, `temperature.gpu`. */
export const headerCell = (f: QueryField): string => (f.unit ? `${f.canonical} [${f.unit}]` : f.canonical);

/** Splits `--query-gpu=a,b , c` into trimmed names (nvidia-smi ignores spaces around commas). */
export const splitFieldList = (list: string): string[] =>
  list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
