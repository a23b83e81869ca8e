/**
 * Errors about models a user can fix (not ONNX, prototype does not match the model, a pickle
 * asked to be served…). Like PinsError: a code for programs, a message for a data scientist
 * that says what was wrong, where, and how to fix it.
 */
export type ModelErrorCode =
  | 'not-onnx'
  | 'not-a-model'
  | 'not-servable'
  | 'prototype-mismatch'
  | 'invalid-prototype'
  | 'invalid-model-metadata'
  | 'model-load-failed'
  | 'inference-failed';

export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly code: ModelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isModelError(error: unknown, code?: ModelErrorCode): error is ModelError {
  return error instanceof ModelError && (code === undefined || error.code === code);
}
