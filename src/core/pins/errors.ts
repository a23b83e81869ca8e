/**
 * Every error a user can cause carries a code (for programs) and a message written for a
 * data scientist: what was wrong, where, and how to fix it. The CLI prints `message` alone.
 */
export type PinsErrorCode =
  | 'board-missing'
  | 'pin-missing'
  | 'version-missing'
  | 'invalid-name'
  | 'invalid-argument'
  | 'corrupt-metadata'
  | 'corrupt-data'
  | 'unsupported-type'
  | 'pickle-refused'
  | 'not-readable'
  | 'versioned-pin'
  | 'version-clash'
  | 'read-only'
  | 'io';

export class PinsError extends Error {
  override readonly name = 'PinsError';

  constructor(
    readonly code: PinsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isPinsError(error: unknown, code?: PinsErrorCode): error is PinsError {
  return error instanceof PinsError && (code === undefined || error.code === code);
}
