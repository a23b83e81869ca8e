// The example request row built from a model's prototype: what the server's docs page and OpenAPI
// document show, and what the extension's "Copy Request as …" snippets send. One builder, so they agree.
import type { PrototypeColumn } from '../vetiver/modelSpec.js';

/** One example request row, in prototype order; a column without an example gets null. */
export function exampleRow(prototype: readonly PrototypeColumn[]): Record<string, unknown> {
  return Object.fromEntries(prototype.map((column) => [column.name, column.example ?? null]));
}
