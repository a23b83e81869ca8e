import { z } from 'zod';
import type { PrototypeColumn } from '../core/vetiver/modelSpec.js';

/**
 * The documented form of one request row (plain types with examples), from which GET
 * /prototype and /openapi.json are generated. Validation uses the more lenient rowSchema.
 */
export function documentedRowSchema(prototype: readonly PrototypeColumn[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const column of prototype) {
    const base = column.type === 'boolean' ? z.boolean() : column.type === 'integer' ? z.int() : column.type === 'number' ? z.number() : z.string();
    // A nullable column may also be left out of a row, so it is not "required".
    const typed = column.nullable ? base.nullable().optional() : base;
    shape[column.name] = typed.meta({ example: column.example });
  }
  return z.object(shape);
}

type JsonSchema = Record<string, unknown>;

/**
 * GET /prototype, shaped as vetiver-python serves it (a pydantic model's JSON Schema with title
 * "prototype", every column required, an example per property), so its client code reads it.
 */
export function prototypeJsonSchema(prototype: readonly PrototypeColumn[]): JsonSchema {
  const schema = z.toJSONSchema(documentedRowSchema(prototype), { target: 'draft-7' }) as JsonSchema;
  delete schema.$schema;
  // vetiver allows extra columns (and ignores them); zod's default would say they are refused.
  delete schema.additionalProperties;
  return { title: 'prototype', ...schema };
}

/** The same schema in OpenAPI 3.0's dialect (nullable instead of type lists). */
export function prototypeOpenApiSchema(prototype: readonly PrototypeColumn[]): JsonSchema {
  const schema = z.toJSONSchema(documentedRowSchema(prototype), { target: 'openapi-3.0' }) as JsonSchema;
  delete schema.additionalProperties;
  return { title: 'prototype', ...schema };
}
