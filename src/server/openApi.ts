import type { ServedModel } from './servedModel.js';
import { exampleRow } from '../core/requests/exampleRow.js';
import { prototypeOpenApiSchema } from './prototypeSchema.js';

type Schema = Record<string, unknown>;

const errorSchema: Schema = {
  type: 'object',
  required: ['error', 'message', 'details'],
  properties: {
    error: { type: 'string', example: 'Unprocessable Entity' },
    message: { type: 'string', example: '1 problem in the request body: row 0, column "funny": expected true or false, got "abc".' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: { row: { type: 'integer', nullable: true }, column: { type: 'string', nullable: true }, problem: { type: 'string' } },
      },
    },
  },
};

function jsonResponse(description: string, schema: Schema): Schema {
  return { description, content: { 'application/json': { schema } } };
}

const errorResponses: Schema = {
  400: jsonResponse('The body is not JSON.', { $ref: '#/components/schemas/Error' }),
  413: jsonResponse('The body is larger than the server accepts (--body-limit).', { $ref: '#/components/schemas/Error' }),
  422: jsonResponse('The rows do not match the prototype: every bad row and column is listed in `details`.', { $ref: '#/components/schemas/Error' }),
};

function predictionItemSchema(model: Omit<ServedModel, 'json' | 'docsTemplate'>): Schema {
  const main = model.spec.outputs.find((o) => o.role === 'label') ?? model.spec.outputs.find((o) => o.role === 'prediction');
  if (main?.dtype === 'string') return { type: 'string' };
  if (main && (main.shape[1] ?? 1) > 1) return { type: 'array', items: { type: 'number' } };
  return { type: main?.role === 'label' ? 'integer' : 'number' };
}

function rowsBody(model: Omit<ServedModel, 'json' | 'docsTemplate'>): Schema {
  return {
    required: true,
    description: 'A JSON list of rows, one object per row (any Content-Type, or none, as vetiver\'s clients send). Extra keys are ignored and named in the `X-Ignored-Columns` header. Missing values (null or "NA") are allowed only for nullable columns.',
    content: {
      'application/json': {
        schema: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/prototype' } },
        example: [exampleRow(model.spec.prototype)],
      },
    },
  };
}

/** The OpenAPI 3.0 document of the served model, generated from its prototype. */
export function buildOpenApiDocument(model: Omit<ServedModel, 'json' | 'docsTemplate'>, serverVersion: string): Schema {
  const { info, spec } = model;
  const columns = spec.prototype.length;
  const paths: Schema = {
    '/ping': { get: { summary: 'Health check', responses: { 200: jsonResponse('The server is up.', { type: 'object', properties: { ping: { type: 'string', example: 'pong' } } }) } } },
    '/metadata': { get: { summary: 'Get all metadata of the pinned model', responses: { 200: jsonResponse('vetiver metadata: user, version, url, required_pkgs, python_version (and Pinwheel\'s own block).', { type: 'object' }) } } },
    '/prototype': { get: { summary: 'Get the input data prototype (JSON Schema of one row)', responses: { 200: jsonResponse('The prototype.', { type: 'object' }) } } },
    '/predict': {
      post: {
        summary: `Return predictions from the model using ${columns} features`,
        requestBody: rowsBody(model),
        responses: {
          200: jsonResponse('One prediction per row, in row order.', { type: 'object', properties: { predict: { type: 'array', items: predictionItemSchema(model) } } }),
          ...errorResponses,
        },
      },
    },
  };
  if (model.isClassifier) {
    paths['/predict_proba'] = {
      post: {
        summary: `Return class probabilities from the model using ${columns} features`,
        requestBody: rowsBody(model),
        responses: {
          200: jsonResponse('Per row, one probability per class, in the order of `classes`.', {
            type: 'object',
            properties: { predict_proba: { type: 'array', items: { type: 'array', items: { type: 'number' } } }, classes: { type: 'array', items: {} } },
          }),
          ...errorResponses,
        },
      },
    };
  }
  if (info.url) paths['/pin-url'] = { get: { summary: 'Get the URL of the pinned model', responses: { 200: jsonResponse('The URL.', { type: 'string' }) } } };
  paths['/v2/health/live'] = { get: { summary: 'Open Inference Protocol: liveness', responses: { 200: jsonResponse('Alive.', { type: 'object' }) } } };
  paths['/v2/health/ready'] = { get: { summary: 'Open Inference Protocol: readiness', responses: { 200: jsonResponse('Ready.', { type: 'object' }) } } };
  paths[`/v2/models/${info.name}`] = { get: { summary: 'Open Inference Protocol: model metadata', responses: { 200: jsonResponse('Inputs (one per prototype column) and outputs.', { type: 'object' }) } } };
  paths[`/v2/models/${info.name}/infer`] = {
    post: {
      summary: 'Open Inference Protocol: inference with one input tensor per column',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: { 200: jsonResponse('Output tensors.', { type: 'object' }), 400: jsonResponse('The request does not match the model.', { $ref: '#/components/schemas/Error' }) },
    },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: `${info.name} model API`,
      description: info.description ?? info.title,
      version: info.version,
      'x-served-by': `pinwheel ${serverVersion}`,
    },
    paths,
    components: { schemas: { prototype: prototypeOpenApiSchema(spec.prototype), Error: errorSchema } },
  };
}
