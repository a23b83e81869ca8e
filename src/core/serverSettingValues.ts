// The text forms of the predict server's settings, checked the same way whether they come from
// `pinwheel serve` flags or a written app's environment. Each message completes "must be …".
import { z } from 'zod';

export const portNumber = z.string().trim()
  .regex(/^\d+$/, { error: 'a port number from 0 to 65535 (0 picks a free port)' })
  .transform(Number)
  .refine((n) => n <= 65535, { error: 'a port number from 0 to 65535 (0 picks a free port)' });

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** "20mb", "512kb", "1048576" → bytes. */
export const byteSize = z.string().trim().toLowerCase()
  .regex(/^\d+(\.\d+)?\s*(b|kb?|mb?|gb?)?$/, { error: 'a size such as 20mb, 512kb or 1048576' })
  .transform((text) => {
    const [, number = '0', unit = ''] = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(text) ?? [];
    return Math.round(Number(number) * (UNITS[unit] ?? 1));
  })
  .refine((n) => n >= 1024, { error: 'at least 1kb' });
