// Assertions on the errors users see: the right code, and a message that names what it must.
import assert from 'node:assert/strict';
import { isPinsError, type PinsErrorCode } from '../../src/core/pins/errors.js';

/** For assert.rejects: a PinsError with `code` whose message mentions every `mustMention`. */
export function pinsError(code: PinsErrorCode, ...mustMention: (string | RegExp)[]): (error: unknown) => boolean {
  return (error) => {
    assert.ok(isPinsError(error), `expected a PinsError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    for (const part of mustMention) {
      if (typeof part === 'string') assert.ok(error.message.includes(part), `message should mention ${JSON.stringify(part)}: ${error.message}`);
      else assert.match(error.message, part);
    }
    return true;
  };
}

/**
 * Flips one bit at a time (lowest and highest of every byte) and decodes each damaged copy: the
 * decoder must either still produce a table or throw what `isExpectedError` accepts; never
 * another exception, never a hang. Returns how many copies were rejected.
 */
export async function decodeEveryBitFlip(bytes: Uint8Array, decode: (damaged: Uint8Array) => Promise<unknown>, isExpectedError: (error: unknown) => boolean): Promise<number> {
  let rejected = 0;
  for (let at = 0; at < bytes.length; at++) {
    for (const mask of [0x01, 0x80]) {
      const damaged = bytes.slice();
      damaged[at] = damaged[at]! ^ mask;
      try {
        await decode(damaged);
      } catch (error) {
        isExpectedError(error);
        rejected++;
      }
    }
  }
  return rejected;
}
