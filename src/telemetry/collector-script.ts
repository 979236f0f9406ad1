/**
 * The box side of telemetry: one long-lived `sh -c` that prints a tick of /proc and /sys every
 * interval, with nvidia-smi running in its own loop mode beside it. It spawns almost nothing per
 * tick — one `awk` reads every /proc and /sys file of the tick (the shell's `read` would make
 * a system call per byte, and /proc/stat regenerates per read), then `sleep`; `df` every tenth
 * tick. See bench/telemetry.ts for what it costs the box. The first word of the
 * script names it (`: pgx-companion:telemetry`) so the demo box can run its native twin.
 *
 * Protocol (one line each, then free text until the next marker):
 *   @@facts … @@end-facts      once: hostname, kernel, arch, os-release, nvidia-smi header
 *   @@cpumax <cpu> <kHz>       once per core: max frequency (tells big X925 from little A725)
 *   @@tick                     starts a tick
 *   @@file <path>              the file's lines follow (/proc/uptime, meminfo, loadavg, net/dev,
 *                              the cpu lines of /proc/stat, /sys/class/net/IF/{operstate,speed})
 *   @@at <ms>                  optional: the box's wall clock (the demo box's twin prints it)
 *   @@df                       `df -B1 -P` output follows (every tenth tick)
 *   @@end                      ends the tick
 *   @@gpu <csv>                nvidia-smi --query-gpu loop line (any time)
 *   @@app <csv> @@cg <cgroup>  nvidia-smi --query-compute-apps loop line, with the process's cgroup
 *   @@err <text>               a sentence about something missing (nvidia-smi …)
 */
import { quote } from '../remote/quote.js';

export const gpuFields = ['utilization.gpu', 'temperature.gpu', 'power.draw', 'clocks.gr', 'pstate', 'clocks_event_reasons.active'] as const;
export const appFields = ['pid', 'process_name', 'used_memory'] as const;

export const collectorScriptName = 'telemetry';

const script = `: pgx-companion:${collectorScriptName}
export LC_ALL=C
ms=$1
sec=$(awk "BEGIN { printf \\"%.3f\\", $ms / 1000 }")
trap 'trap - EXIT HUP INT TERM; kill 0 2>/dev/null' EXIT HUP INT TERM
printf '@@facts\\n'
IFS= read -r h < /proc/sys/kernel/hostname; printf 'hostname %s\\n' "$h"
IFS= read -r k < /proc/sys/kernel/osrelease; printf 'kernel %s\\n' "$k"
printf 'arch %s\\n' "$(uname -m)"
[ -r /etc/os-release ] && grep '^PRETTY_NAME=' /etc/os-release
if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi 2>&1 | head -n 12; fi
printf '@@end-facts\\n'
for f in /sys/devices/system/cpu/cpu[0-9]*/cpufreq/cpuinfo_max_freq; do
  [ -r "$f" ] || continue
  c=\${f#/sys/devices/system/cpu/cpu}; c=\${c%%/*}
  IFS= read -r v < "$f" && printf '@@cpumax %s %s\\n' "$c" "$v"
done
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=${gpuFields.join(',')} --format=csv,noheader,nounits -lms "$ms" 2>&1 | while IFS= read -r l; do printf '@@gpu %s\\n' "$l"; done &
  nvidia-smi --query-compute-apps=${appFields.join(',')} --format=csv,noheader,nounits -lms "$ms" 2>&1 | while IFS= read -r l; do
    p=\${l%%,*}; cg=
    [ -r "/proc/$p/cgroup" ] && while IFS= read -r c; do case "$c" in *docker*) cg=$c ;; esac; done < "/proc/$p/cgroup"
    printf '@@app %s @@cg %s\\n' "$l" "$cg"
  done &
else
  printf '@@err nvidia-smi was not found on the box\\n'
fi
n=0
while :; do
  printf '@@tick\\n'
  awk 'FNR == 1 { print "@@file " FILENAME } FILENAME == "/proc/stat" && !/^cpu/ { next } { print }' /proc/uptime /proc/meminfo /proc/loadavg /proc/net/dev /proc/stat /sys/class/net/*/operstate /sys/class/net/*/speed 2>/dev/null
  if [ $((n % 10)) -eq 0 ]; then printf '@@df\\n'; df -B1 -P 2>/dev/null; fi
  printf '@@end\\n'
  n=$((n + 1))
  sleep "$sec"
done`;

/** The command line: `sh -c SCRIPT sh INTERVAL_MS`. */
export const collectorCommand = (intervalMs: number): string => `sh -c ${quote(script)} sh ${quote(String(Math.round(intervalMs)))}`;
