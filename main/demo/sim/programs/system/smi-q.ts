/**
 * `nvidia-smi -q` for GB10. No complete GB10 dump is public, so this is the RTX 5090 (Blackwell,
 * 570.124.06) dump's structure patched as README §1.5 says: product GB10, addressing mode ATS,
 * C2C enabled, FB/BAR1 memory N/A, power limits N/A, bus 0000000F:01:00.0, and the temperature and
 * power lines of the ASUS GX10 fragment. Labels are padded so the colon sits at column 42.
 */
import { ctime } from './clock-format.js';
import { gb10, type GpuSnapshot } from './gpu-snapshot.js';

/** A line with a value, a heading with children, or a value line with children under it. */
type QNode =
  | readonly [label: string, value: string]
  | readonly [label: string, children: readonly QNode[]]
  | readonly [label: string, value: string, children: readonly QNode[]];

const na = 'N/A';
const naPairs = (...labels: string[]): QNode[] => labels.map((label) => [label, na] as const);
const currentPending = (value = na): QNode[] => [
  ['Current', value],
  ['Pending', value],
];

const render = (nodes: readonly QNode[], depth: number, out: string[]): void => {
  const indent = ' '.repeat(depth * 4);
  for (const [label, content, children] of nodes) {
    if (typeof content === 'string') out.push(`${indent}${label.padEnd(42 - indent.length)}: ${content}`);
    else out.push(`${indent}${label}`);
    const below = typeof content === 'string' ? children : content;
    if (below) render(below, depth + 1, out);
  }
};

const processes = (s: GpuSnapshot): QNode =>
  s.processes.length === 0
    ? ['Processes', 'None']
    : [
        'Processes',
        s.processes.flatMap((p): QNode[] => [
          ['GPU instance ID', na],
          ['Compute instance ID', na],
          ['Process ID', String(p.pid), [['Type', p.type], ['Name', p.name], ['Used GPU Memory', `${p.memoryMiB} MiB`]]],
        ]),
      ];

const gpuSection = (s: GpuSnapshot): QNode[] => [
  ['Product Name', gb10.name],
  ['Product Brand', 'NVIDIA'],
  ['Product Architecture', 'Blackwell'],
  ['Display Mode', s.displayActive ? 'Enabled' : 'Disabled'],
  ['Display Active', s.displayActive ? 'Enabled' : 'Disabled'],
  ['Persistence Mode', 'Enabled'],
  ['Addressing Mode', 'ATS'],
  ['MIG Mode', currentPending()],
  ['Accounting Mode', 'Disabled'],
  ['Accounting Mode Buffer Size', '4000'],
  ['Driver Model', currentPending()],
  ['Serial Number', na],
  ['GPU UUID', s.uuid],
  ['Minor Number', '0'],
  ['VBIOS Version', na],
  ['MultiGPU Board', 'No'],
  ['Board ID', '0xf0100'],
  ...naPairs('Board Part Number', 'GPU Part Number', 'FRU Part Number'),
  ['Platform Info', [['Chassis Serial Number', ''], ['Slot Number', '0'], ['Tray Index', '0'], ['Host ID', '1'], ['Peer Type', na], ['Module Id', '1'], ['GPU Fabric GUID', '0x0']]],
  ['Inforom Version', naPairs('Image Version', 'OEM Object', 'ECC Object', 'Power Management Object')],
  ['Inforom BBX Object Flush', naPairs('Latest Timestamp', 'Latest Duration')],
  ['GPU Operation Mode', currentPending()],
  ['GPU C2C Mode', 'Enabled'],
  ['GPU Virtualization Mode', [['Virtualization Mode', 'None'], ['Host VGPU Mode', na], ['vGPU Heterogeneous Mode', na]]],
  ['GPU Reset Status', [['Reset Required', 'Requested functionality has been deprecated'], ['Drain and Reset Recommended', 'Requested functionality has been deprecated']]],
  ['GPU Recovery Action', 'None'],
  ['GSP Firmware Version', s.driverVersion],
  ['IBMNPU', [['Relaxed Ordering Mode', na]]],
  [
    'PCI',
    [
      ['Bus', '0x01'],
      ['Device', '0x00'],
      ['Domain', '0x000F'],
      ['Base Classcode', '0x3'],
      ['Sub Classcode', '0x2'],
      ['Device Id', gb10.pciDeviceId],
      ['Bus Id', gb10.busId],
      ['Sub System Id', na],
      ['GPU Link Info', [['PCIe Generation', naPairs('Max', 'Current', 'Device Current', 'Device Max', 'Host Max')], ['Link Width', naPairs('Max', 'Current')]]],
      ['Bridge Chip', naPairs('Type', 'Firmware')],
      ['Replays Since Reset', '0'],
      ['Replay Number Rollovers', '0'],
      ...naPairs('Tx Throughput', 'Rx Throughput', 'Atomic Caps Outbound', 'Atomic Caps Inbound'),
    ],
  ],
  ['Fan Speed', na],
  ['Performance State', s.pstate],
  [
    'Clocks Event Reasons',
    [
      ['Idle', s.idle ? 'Active' : 'Not Active'],
      ['Applications Clocks Setting', 'Not Active'],
      ['SW Power Cap', 'Not Active'],
      ['HW Slowdown', 'Not Active', [['HW Thermal Slowdown', 'Not Active'], ['HW Power Brake Slowdown', 'Not Active']]],
      ['Sync Boost', 'Not Active'],
      ['SW Thermal Slowdown', 'Not Active'],
      ['Display Clock Setting', 'Not Active'],
    ],
  ],
  ['Sparse Operation Mode', na],
  // Unified memory: the frame-buffer counters are not supported (nvtop PR #466 fragment).
  ['FB Memory Usage', naPairs('Total', 'Reserved', 'Used', 'Free')],
  ['BAR1 Memory Usage', naPairs('Total', 'Used', 'Free')],
  ['Conf Compute Protected Memory Usage', naPairs('Total', 'Used', 'Free')],
  ['Compute Mode', 'Default'],
  ['Utilization', [['GPU', `${s.utilizationPercent} %`], ['Memory', '0 %'], ['Encoder', '0 %'], ['Decoder', '0 %'], ['JPEG', '0 %'], ['OFA', '0 %']]],
  ['Encoder Stats', [['Active Sessions', '0'], ['Average FPS', '0'], ['Average Latency', '0']]],
  ['FBC Stats', [['Active Sessions', '0'], ['Average FPS', '0'], ['Average Latency', '0']]],
  ['DRAM Encryption Mode', currentPending()],
  ['ECC Mode', currentPending()],
  [
    'ECC Errors',
    [
      ['Volatile', naPairs('SRAM Correctable', 'SRAM Uncorrectable Parity', 'SRAM Uncorrectable SEC-DED', 'DRAM Correctable', 'DRAM Uncorrectable')],
      ['Aggregate', naPairs('SRAM Correctable', 'SRAM Uncorrectable Parity', 'SRAM Uncorrectable SEC-DED', 'DRAM Correctable', 'DRAM Uncorrectable', 'SRAM Threshold Exceeded')],
      ['Aggregate Uncorrectable SRAM Sources', naPairs('SRAM L2', 'SRAM SM', 'SRAM Microcontroller', 'SRAM PCIE', 'SRAM Other')],
    ],
  ],
  ['Retired Pages', naPairs('Single Bit ECC', 'Double Bit ECC', 'Pending Page Blacklist')],
  ['Remapped Rows', na],
  [
    'Temperature',
    [
      ['GPU Current Temp', `${s.temperatureC} C`],
      ['GPU T.Limit Temp', `${gb10.tLimitBaseC - s.temperatureC} C`],
      ['GPU Shutdown T.Limit Temp', `${gb10.shutdownTLimitC} C`],
      ['GPU Slowdown T.Limit Temp', `${gb10.slowdownTLimitC} C`],
      ...naPairs('GPU Max Operating T.Limit Temp', 'GPU Target Temperature', 'Memory Current Temp', 'Memory Max Operating T.Limit Temp'),
    ],
  ],
  [
    'GPU Power Readings',
    [
      ['Average Power Draw', `${s.powerAverageW.toFixed(2)} W`],
      ['Instantaneous Power Draw', `${s.powerDrawW.toFixed(2)} W`],
      ...naPairs('Current Power Limit', 'Requested Power Limit', 'Default Power Limit', 'Min Power Limit', 'Max Power Limit'),
    ],
  ],
  // The trailing space after "Readings" is in the real output.
  ['GPU Memory Power Readings ', naPairs('Average Power Draw', 'Instantaneous Power Draw')],
  ['Module Power Readings', naPairs('Average Power Draw', 'Instantaneous Power Draw', 'Current Power Limit', 'Requested Power Limit', 'Default Power Limit', 'Min Power Limit', 'Max Power Limit')],
  ['Power Smoothing', na],
  ['Workload Power Profiles', naPairs('Requested Profiles', 'Enforced Profiles')],
  ['Clocks', [['Graphics', `${s.graphicsClockMHz} MHz`], ['SM', `${s.graphicsClockMHz} MHz`], ['Memory', na], ['Video', `${s.videoClockMHz} MHz`]]],
  ['Applications Clocks', naPairs('Graphics', 'Memory')],
  ['Default Applications Clocks', naPairs('Graphics', 'Memory')],
  ['Deferred Clocks', naPairs('Memory')],
  ['Max Clocks', [['Graphics', `${gb10.maxGraphicsClockMHz} MHz`], ['SM', `${gb10.maxGraphicsClockMHz} MHz`], ['Memory', na], ['Video', na]]],
  ['Max Customer Boost Clocks', naPairs('Graphics')],
  ['Clock Policy', naPairs('Auto Boost', 'Auto Boost Default')],
  ['Voltage', naPairs('Graphics')],
  ['Fabric', [...naPairs('State', 'Status', 'CliqueId', 'ClusterUUID'), ['Health', naPairs('Bandwidth', 'Route Recovery in progress', 'Route Unhealthy', 'Access Timeout Recovery')]]],
];

/** `-q -d TYPE[,TYPE]`: the sections each display type keeps (the header lines always print). */
export const displaySections: Readonly<Record<string, readonly string[]>> = {
  MEMORY: ['FB Memory Usage', 'BAR1 Memory Usage', 'Conf Compute Protected Memory Usage'],
  UTILIZATION: ['Utilization'],
  ECC: ['ECC Mode', 'ECC Errors'],
  TEMPERATURE: ['Temperature'],
  POWER: ['GPU Power Readings', 'GPU Memory Power Readings ', 'Module Power Readings', 'Power Smoothing', 'Workload Power Profiles'],
  CLOCK: ['Clocks', 'Applications Clocks', 'Default Applications Clocks', 'Deferred Clocks', 'Max Clocks', 'Max Customer Boost Clocks', 'Clock Policy'],
  COMPUTE: ['Compute Mode'],
  PIDS: ['Processes'],
  PERFORMANCE: ['Performance State', 'Clocks Event Reasons', 'Sparse Operation Mode'],
  ENCODER_STATS: ['Encoder Stats'],
  FBC_STATS: ['FBC Stats'],
  VOLTAGE: ['Voltage'],
  PAGE_RETIREMENT: ['Retired Pages'],
  ROW_REMAPPER: ['Remapped Rows'],
  RESET_STATUS: ['GPU Reset Status'],
  ACCOUNTING: ['Accounting Mode', 'Accounting Mode Buffer Size'],
};

export const renderSmiQ = (s: GpuSnapshot, display?: readonly string[]): string => {
  const keep = display === undefined ? undefined : new Set(display.flatMap((type) => displaySections[type] ?? []));
  const out: string[] = ['', '==============NVSMI LOG==============', ''];
  render([['Timestamp', ctime(s.at)], ['Driver Version', s.driverVersion], ['CUDA Version', s.cudaVersion]], 0, out);
  out.push('');
  render([['Attached GPUs', '1']], 0, out);
  out.push(`GPU ${gb10.busId}`);
  const sections: QNode[] = [...gpuSection(s), processes(s), ['Capabilities', [['EGM', 'disabled']]]];
  render(keep ? sections.filter(([label]) => keep.has(label)) : sections, 1, out);
  return `${out.join('\n')}\n\n`;
};
