/**
 * The box side of telemetry: one long-lived `sh -c` that prints a tick of /proc and /sys every
 * interval, with nvidia-smi running in its own loop mode beside it. It spawns almost nothing per
 * tick — files are read with the shell's own `read`, only `sleep` runs each time and `df` every
 * tenth tick — so it costs the box well under 1 % of a core at 1 Hz. The first word of the
 * script names it (`: pgx-companion:telemetry`) so the demo box can run its native twin.
 *
 * Protocol (one line each, then free text until the next marker):
 *   @@facts … @@end-facts      once: hostname, kernel, arch, os-release, nvidia-smi header
 *   @@cpumax <cpu> <kHz>       once per core: max frequency (tells big X925 from little A725)
 *   @@tick <uptime seconds>    starts a tick
 *   @@file <path>              the file's lines follow
 *   @@link <iface> <operstate> <speed>
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
trap 'kill 0 2>/dev/null' EXIT HUP INT TERM
lines() { while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done < "$1"; }
printf '@@facts\\n'
printf 'hostname %s\\n' "$(lines /proc/sys/kernel/hostname)"
printf 'kernel %s\\n' "$(lines /proc/sys/kernel/osrelease)"
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
  IFS= read -r up < /proc/uptime
  printf '@@tick %s\\n' "\${up%% *}"
  for f in /proc/meminfo /proc/loadavg /proc/net/dev; do printf '@@file %s\\n' "$f"; lines "$f"; done
  printf '@@file /proc/stat\\n'
  while IFS= read -r l; do case "$l" in cpu*) printf '%s\\n' "$l" ;; esac; done < /proc/stat
  for d in /sys/class/net/*; do
    s=; o=
    [ -r "$d/operstate" ] && IFS= read -r o < "$d/operstate"
    [ -r "$d/speed" ] && IFS= read -r s < "$d/speed" 2>/dev/null
    printf '@@link %s %s %s\\n' "\${d##*/}" "\${o:-unknown}" "\${s:--1}"
  done
  if [ $((n % 10)) -eq 0 ]; then printf '@@df\\n'; df -B1 -P 2>/dev/null; fi
  printf '@@end\\n'
  n=$((n + 1))
  sleep "$sec"
done`;

/** The command line: `sh -c SCRIPT sh INTERVAL_MS`. */
export const collectorCommand = (intervalMs: number): string => `sh -c ${quote(script)} sh ${quote(String(Math.round(intervalMs)))}`;
