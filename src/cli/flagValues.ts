/**
 * Checks the text of flag values with zod. Each schema's error message completes the sentence
 * "--keep must be …", so every message reads "--keep must be a whole number of at least 1, got 'abc'".
 */
import { z } from 'zod';
import { CliUsageError } from './errors.js';

export const positiveWholeNumber = z
  .string()
  .trim()
  .regex(/^\d+$/, { error: 'a whole number of at least 1' })
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n) && n >= 1, { error: 'a whole number of at least 1' });

/**
 * The first integer literal in (valid) JSON text that JavaScript cannot hold exactly, at any depth.
 * JSON.parse would round 12345678901234567890 to 12345678901234567000 without a word.
 */
function firstInexactInteger(json: string): string | undefined {
  const token = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (const [literal] of json.matchAll(token)) {
    if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) return literal;
  }
  return undefined;
}

export const jsonObject = z.string().transform((text, ctx) => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `a JSON object such as '{"source": "crm"}', but it is not valid JSON (${(error as Error).message})`,
    });
    return z.NEVER;
  }
  const inexact = firstInexactInteger(text);
  if (inexact !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message:
        `a JSON object whose whole numbers are at most ${Number.MAX_SAFE_INTEGER} in size: ${inexact} cannot be stored ` +
        `exactly (it would silently become ${Number(inexact)}), so pass it as a string ("${inexact}")`,
    });
    return z.NEVER;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `a JSON object such as '{"source": "crm"}' (it is stored under 'user' in data.txt), not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`,
    });
    return z.NEVER;
  }
  return value as Record<string, unknown>;
});

/** `a, b,,c` → ['a', 'b', 'c']. */
export const commaList = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
  .refine((items) => items.length > 0, { error: 'a comma-separated list such as a,b' });

export const nonEmptyText = z.string().refine((text) => text.trim().length > 0, { error: 'non-empty text' });

/** Parses one flag value; the message names the flag, what it must be and what was given. */
export function parseFlag<T>(flag: string, raw: string, schema: z.ZodType<T, string>, command: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const expectation = result.error.issues[0]?.message ?? 'valid';
  throw new CliUsageError(`--${flag} must be ${expectation}, got '${raw}'.`, command);
}

/** Like parseFlag, for a flag that may be absent. */
export function parseOptionalFlag<T>(flag: string, raw: string | boolean | undefined, schema: z.ZodType<T, string>, command: string): T | undefined {
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  return parseFlag(flag, raw, schema, command);
}
