// How sizes and times are shown to people, the same in the CLI and in VS Code.

/** 532 B, 1.2 kB, 48 MB (1024-based, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** `2021-01-20 09:30:00 UTC`; `-` when unknown. Pins record times in UTC, so they are shown in UTC. */
export function formatDate(date: Date | null): string {
  if (!date || Number.isNaN(date.getTime())) return '-';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
