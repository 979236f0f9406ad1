/**
 * Identity strings of the box: `uname -a`, /etc/os-release, /etc/dgx-release, `nvcc --version`
 * and `nvidia-smi --version` (captures §1.7, §2.7, §2.8 and gb10-host-probe.txt).
 */
import { outputLines } from './nvidia-smi-values.js';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

// ---------------------------------------------------------------- uname -a

export interface Uname {
  readonly kernelName: string;
  readonly nodename: string;
  readonly kernelRelease: string;
  /** `#14-Ubuntu SMP PREEMPT_DYNAMIC Tue Mar 17 19:01:40 UTC 2026` */
  readonly kernelVersion: string;
  readonly machine: string;
  /** Omitted by `uname -a` where unknown (Debian prints neither). */
  readonly processor: string | null;
  readonly hardwarePlatform: string | null;
  readonly operatingSystem: string;
}

const archLike = /^(x86_64|aarch64|arm64|armv\d\w*|i[3-6]86|ppc64(le)?|s390x|riscv64|mips\w*|loongarch64|unknown)$/;

export const parseUname = (output: string): Parsed<Uname> => {
  const line = outputLines(output).find((l) => l.trim() !== '')?.trim();
  if (!line) return fail('uname printed nothing.');
  const words = line.split(/\s+/);
  if (words.length < 6) return fail(`Not uname -a output: ${line}`);
  const operatingSystem = words[words.length - 1]!;
  // machine [processor [platform]] sit between the version (free text) and the OS name.
  let archCount = 0;
  while (archCount < 3 && archLike.test(words[words.length - 2 - archCount] ?? '') && words.length - 2 - archCount > 3) archCount += 1;
  if (archCount === 0) return fail(`No machine architecture in: ${line}`);
  const arch = words.slice(words.length - 1 - archCount, words.length - 1);
  return {
    ok: true,
    value: {
      kernelName: words[0]!,
      nodename: words[1]!,
      kernelRelease: words[2]!,
      kernelVersion: words.slice(3, words.length - 1 - archCount).join(' '),
      machine: arch[0]!,
      processor: arch[1] ?? null,
      hardwarePlatform: arch[2] ?? null,
      operatingSystem,
    },
  };
};

// ---------------------------------------------------------------- KEY=value files

/** os-release(5) syntax: KEY=value, values optionally in single or double quotes with \-escapes. */
export const parseKeyValueFile = (text: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const raw of outputLines(text)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/\\(["\\`$])/g, '$1');
    else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    out[match[1]!] = value;
  }
  return out;
};

export interface OsRelease {
  readonly id: string | null;
  readonly versionId: string | null;
  readonly prettyName: string | null;
  readonly versionCodename: string | null;
  readonly fields: Readonly<Record<string, string>>;
}

export const parseOsRelease = (text: string): Parsed<OsRelease> => {
  const fields = parseKeyValueFile(text);
  if (Object.keys(fields).length === 0) return fail('No KEY=value lines in os-release.');
  return {
    ok: true,
    value: {
      id: fields['ID'] ?? null,
      versionId: fields['VERSION_ID'] ?? null,
      prettyName: fields['PRETTY_NAME'] ?? null,
      versionCodename: fields['VERSION_CODENAME'] ?? null,
      fields,
    },
  };
};

export interface DgxRelease {
  readonly name: string | null;
  readonly prettyName: string | null;
  readonly swBuildVersion: string | null;
  readonly otaVersion: string | null;
  /** The DGX OS version running: the last OTA update if any, else the factory build. */
  readonly version: string | null;
  readonly fields: Readonly<Record<string, string>>;
}

export const parseDgxRelease = (text: string): Parsed<DgxRelease> => {
  const fields = parseKeyValueFile(text);
  if (!Object.keys(fields).some((key) => key.startsWith('DGX_'))) return fail('No DGX_* lines: not a DGX OS release file.');
  const swBuildVersion = fields['DGX_SWBUILD_VERSION'] ?? null;
  const otaVersion = fields['DGX_OTA_VERSION'] ?? null;
  return {
    ok: true,
    value: { name: fields['DGX_NAME'] ?? null, prettyName: fields['DGX_PRETTY_NAME'] ?? null, swBuildVersion, otaVersion, version: otaVersion ?? swBuildVersion, fields },
  };
};

// ---------------------------------------------------------------- nvcc --version

export interface NvccVersion {
  /** `13.0` */
  readonly release: string;
  /** `13.0.88` */
  readonly version: string | null;
  readonly build: string | null;
  readonly builtOn: string | null;
}

export const parseNvccVersion = (output: string): Parsed<NvccVersion> => {
  const release = /Cuda compilation tools, release (\d+\.\d+), V(\S+)/.exec(output);
  if (!release) return fail(output.includes('command not found') ? 'nvcc is not on PATH (try /usr/local/cuda/bin/nvcc).' : 'No "Cuda compilation tools" line in the output.');
  return {
    ok: true,
    value: {
      release: release[1]!,
      version: release[2] ?? null,
      build: /^Build (\S+)/m.exec(output)?.[1] ?? null,
      builtOn: /^Built on (\S+)/m.exec(output)?.[1] ?? null,
    },
  };
};

// ---------------------------------------------------------------- nvidia-smi --version

export interface SmiVersion {
  readonly smiVersion: string | null;
  readonly nvmlVersion: string | null;
  readonly driverVersion: string | null;
  readonly cudaVersion: string | null;
  readonly gspFirmwareVersion: string | null;
}

export const parseSmiVersion = (output: string): Parsed<SmiVersion> => {
  const value = (label: string): string | null => {
    const line = outputLines(output).find((l) => l.toLowerCase().startsWith(label.toLowerCase()));
    const text = line?.slice(line.indexOf(':') + 1).trim();
    return text ? text : null;
  };
  const result: SmiVersion = {
    smiVersion: value('NVIDIA-SMI version'),
    nvmlVersion: value('NVML version'),
    driverVersion: value('DRIVER version'),
    cudaVersion: value('CUDA Version'),
    gspFirmwareVersion: value('GSP Firmware Version'),
  };
  if (result.smiVersion === null && result.driverVersion === null) {
    const error = outputLines(output).find((l) => l.trim() !== '');
    return fail(error ?? 'nvidia-smi --version printed nothing.');
  }
  return { ok: true, value: result };
};
