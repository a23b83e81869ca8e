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

const PINS_VERSION = /^(\d{8}T)\d{6}Z(-[0-9a-z]+)$/;

/**
 * A version name short enough for a tab or the status bar: `20210209T…-08502` (the day and the
 * hash suffix, so two versions of one day still differ); other long names keep their start and end.
 */
export function shortVersion(version: string): string {
  const pins = PINS_VERSION.exec(version);
  if (pins) return `${pins[1]}…${pins[2]}`;
  return version.length > 16 ? `${version.slice(0, 9)}…${version.slice(-6)}` : version;
}
