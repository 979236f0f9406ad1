/** How every bench section prints: a row of what was measured, its value, and a note. */
export const line = (name: string, value: string, note = ''): void => void process.stdout.write(`${name.padEnd(44)} ${value.padEnd(22)} ${note}\n`);

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
