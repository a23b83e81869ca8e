// Version directory names: `<created>-<first 5 hex digits of pin_hash>`, created being the UTC
// time formatted `YYYYMMDDTHHMMSSZ` (spec §1.2). Both pins-r and pins-python sort versions by
// this name, so the format must be exact.
import { PinsError } from '../errors.js';

const COMPACT_CREATED = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/;
// pins-r files from 2021 store `created: 2021-04-22T20:22:33` (spec §1.5 d).
const ISO_CREATED =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const STRICT_VERSION_NAME = /^\d{8}T\d{6}Z-[0-9a-f]{5}$/;
// Like pins-r's version_from_path: a timestamp, one '-', and a hash of any length.
const LENIENT_VERSION_NAME = /^(\d{8}T\d{6}Z?)-([0-9A-Za-z]+)$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function formatCreated(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) {
    throw new PinsError('invalid-argument', 'The creation time of a pin version is an invalid date.');
  }
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new PinsError(
      'invalid-argument',
      `The creation time ${date.toISOString()} cannot be written in a version name: the year must have 4 digits.`,
    );
  }
  return (
    pad(year, 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    'T' +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    'Z'
  );
}

/** A UTC date from calendar fields, or null when a field is out of range (Feb 30, hour 24...). */
function utcDate(fields: number[], millis: number, offsetMinutes: number): Date | null {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = fields;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const roundTrips =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!roundTrips) return null;
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/**
 * The `created` field of data.txt as a Date. Times without a zone are UTC (pins-r writes UTC;
 * pins-python writes its local clock with a literal Z, spec §1.2). Returns null for text that
 * is not one of the known formats, so an odd value never makes a pin unreadable.
 */
export function parseCreated(text: string): Date | null {
  const trimmed = text.trim();
  const compact = COMPACT_CREATED.exec(trimmed);
  if (compact) return utcDate(compact.slice(1, 7).map(Number), 0, 0);
  const iso = ISO_CREATED.exec(trimmed);
  if (!iso) return null;
  const fields = iso.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  const millis = iso[7] === undefined ? 0 : Math.floor(Number(iso[7]) * 1000);
  return utcDate(fields, millis, offsetMinutes(iso[8]));
}

export function makeVersionName(created: Date, pinHash: string): string {
  const hash5 = pinHash.slice(0, 5);
  if (!/^[0-9a-f]{5}$/.test(hash5)) {
    throw new PinsError(
      'invalid-argument',
      `The pin hash "${pinHash}" cannot name a version: it must start with 5 lowercase hexadecimal digits.`,
    );
  }
  return `${formatCreated(created)}-${hash5}`;
}

/**
 * Reads a version directory name. Accepts any hash suffix (letters and digits), as pins-r
 * does, so boards written by other tools still get creation times; null for names that are
 * not versions at all (such as the legacy `v` directory).
 */
export function parseVersionName(name: string): { created: Date; hash: string } | null {
  const match = LENIENT_VERSION_NAME.exec(name);
  if (!match) return null;
  const [, stamp = '', hash = ''] = match;
  const created = parseCreated(stamp);
  return created ? { created, hash } : null;
}

/** True only for names exactly as Pinwheel, pins-r and pins-python write them. */
export function isVersionName(name: string): boolean {
  return STRICT_VERSION_NAME.test(name) && parseVersionName(name) !== null;
}
