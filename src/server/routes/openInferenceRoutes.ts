import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PrototypeType } from '../../core/vetiver/modelSpec.js';
import { parseJsonBody } from '../requestBody.js';
import { validateRows, type RowProblem } from '../requestRows.js';
import type { ServedModel } from '../servedModel.js';

/**
 * The Open Inference Protocol (KServe v2 REST), so KServe/Seldon tooling and Kubernetes probes
 * can talk to the same server. Inputs are one tensor per prototype column.
 */

const DATATYPE: Record<PrototypeType, string> = { boolean: 'BOOL', integer: 'INT64', number: 'FP64', string: 'BYTES' };
const NUMERIC_DATATYPES = new Set(['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64']);

const inferRequestSchema = z.object({
  id: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  inputs: z.array(z.object({
    name: z.string(),
    shape: z.array(z.number().int().nonnegative()),
    datatype: z.string(),
    data: z.array(z.unknown()),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }).loose()).min(1),
  outputs: z.array(z.object({ name: z.string() }).loose()).optional(),
}).loose();

function v2Error(reply: FastifyReply, status: number, message: string, details: RowProblem[] = []): FastifyReply {
  // The protocol's error body is {"error": "<message>"}; `message` and `details` are ours.
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ error: message, message, details }));
}

function modelMetadata(model: ServedModel): Record<string, unknown> {
  const label = model.spec.outputs.find((o) => o.role === 'label');
  const outputs: Record<string, unknown>[] = [
    { name: 'predict', datatype: label ? (label.dtype === 'string' ? 'BYTES' : 'INT64') : 'FP64', shape: [-1] },
  ];
  if (model.isClassifier) outputs.push({ name: 'predict_proba', datatype: 'FP64', shape: [-1, model.spec.outputs.find((o) => o.role === 'probabilities')?.classes?.length ?? -1] });
  return {
    name: model.info.name,
    versions: [model.info.version],
    platform: 'onnxruntime_onnx',
    inputs: model.spec.prototype.map((column) => ({ name: column.name, datatype: DATATYPE[column.type], shape: [-1] })),
    outputs,
  };
}

/** Checks the URL names the served model (and version, if given); sends 404 otherwise. */
function servedOrNotFound(request: FastifyRequest, reply: FastifyReply): ServedModel | null {
  const params = request.params as { name: string; version?: string };
  const model = request.lease.model;
  if (params.name !== model.info.name) {
    v2Error(reply, 404, `this server serves the model "${model.info.name}", not "${params.name}".`);
    return null;
  }
  if (params.version !== undefined && params.version !== model.info.version) {
    v2Error(reply, 404, `this server serves version ${model.info.version} of "${model.info.name}", not ${params.version}.`);
    return null;
  }
  return model;
}

/**
 * The values of a tensor given flat or nested row-major, as the protocol allows. Nesting deeper
 * than the shape is refused (null) instead of flattened without limit.
 */
function flatten(data: unknown[], shape: readonly number[]): unknown[] | null {
  let values = data;
  for (let depth = 1; values.some(Array.isArray); depth += 1) {
    if (depth >= Math.max(shape.length, 1)) return null;
    values = values.flat(1);
  }
  return values;
}

export function openInferenceRoutes(app: FastifyInstance, serverVersion: string): void {
  app.get('/v2', async (_request, reply) => reply.send({ name: 'pinwheel', version: serverVersion, extensions: [] }));
  app.get('/v2/health/live', async (_request, reply) => reply.send({ live: true }));
  // Ready as soon as the server listens: the model is loaded before listen().
  app.get('/v2/health/ready', async (_request, reply) => reply.send({ ready: true }));

  const metadata = async (request: FastifyRequest, reply: FastifyReply) => {
    const model = servedOrNotFound(request, reply);
    return model === null ? reply : reply.send(modelMetadata(model));
  };
  app.get('/v2/models/:name', metadata);
  app.get('/v2/models/:name/versions/:version', metadata);

  const ready = async (request: FastifyRequest, reply: FastifyReply) => {
    const model = servedOrNotFound(request, reply);
    return model === null ? reply : reply.send({ name: model.info.name, ready: true });
  };
  app.get('/v2/models/:name/ready', ready);
  app.get('/v2/models/:name/versions/:version/ready', ready);

  const infer = async (request: FastifyRequest, reply: FastifyReply) => {
    const model = servedOrNotFound(request, reply);
    if (model === null) return reply;
    // Only error messages show it: not built for requests that succeed.
    const example = () => JSON.stringify({ inputs: model.spec.prototype.slice(0, 2).map((c) => ({ name: c.name, shape: [1], datatype: DATATYPE[c.type], data: [c.example] })) });
    const parsed = parseJsonBody(request.body, example, 'an inference request (JSON) with one input per column');
    if (!parsed.ok) return v2Error(reply, 400, parsed.message);
    const checked = inferRequestSchema.safeParse(parsed.value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return v2Error(reply, 400, `the inference request does not follow the Open Inference Protocol: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}. Expected e.g. ${example()}`);
    }
    const request_ = checked.data;
    const known = new Set(model.spec.prototype.map((c) => c.name));
    let rowCount: number | null = null;
    const columns = new Map<string, unknown[]>();
    for (const input of request_.inputs) {
      if (!known.has(input.name)) continue; // ignored, as extra columns are on /predict
      const data = flatten(input.data, input.shape);
      if (data === null) return v2Error(reply, 400, `input "${input.name}" nests its data deeper than its shape [${input.shape.join(', ')}]; send one value per row, flat or as [[value], …].`);
      const rows = input.shape[0] ?? data.length;
      if (rowCount !== null && rows !== rowCount) return v2Error(reply, 400, `input "${input.name}" has ${rows} rows but an earlier input has ${rowCount}; every input needs one value per row.`);
      if (data.length !== rows) return v2Error(reply, 400, `input "${input.name}" has shape [${input.shape.join(', ')}] but ${data.length} values; send one value per row.`);
      if (input.datatype !== 'BYTES' && !NUMERIC_DATATYPES.has(input.datatype)) return v2Error(reply, 400, `input "${input.name}" has the unknown datatype "${input.datatype}"; use ${DATATYPE.boolean}, ${DATATYPE.integer}, ${DATATYPE.number} or ${DATATYPE.string}.`);
      rowCount = rows;
      columns.set(input.name, data);
    }
    if (rowCount === null) {
      return v2Error(reply, 400, `none of the inputs is a column of this model. The inputs are: ${model.spec.prototype.map((c) => `${c.name} (${DATATYPE[c.type]})`).join(', ')}.`);
    }
    const records = Array.from({ length: rowCount }, (_, row) => Object.fromEntries([...columns].map(([name, data]) => [name, data[row]])));
    const rows = validateRows(records, model.spec.prototype, model.rowSchema);
    if (!rows.ok) return v2Error(reply, 400, rows.message, rows.details);
    request.rowCount = rows.rows.length;
    const result = await model.session.predict(rows.rows);
    const wanted = request_.outputs?.map((o) => o.name);
    const labels = result.predictions;
    const outputs: Record<string, unknown>[] = [];
    const first = labels[0];
    const width = Array.isArray(first) ? first.length : 1;
    if (!wanted || wanted.includes('predict')) {
      outputs.push({
        name: 'predict',
        datatype: typeof first === 'string' ? 'BYTES' : model.spec.outputs.some((o) => o.role === 'label') ? 'INT64' : 'FP64',
        shape: width > 1 ? [labels.length, width] : [labels.length],
        data: labels.flat(),
      });
    }
    if (result.probabilities && (!wanted || wanted.includes('predict_proba'))) {
      outputs.push({ name: 'predict_proba', datatype: 'FP64', shape: [result.probabilities.length, result.classes?.length ?? 0], data: result.probabilities.flat(), parameters: { classes: result.classes ?? [] } });
    }
    return reply.send({ model_name: model.info.name, model_version: model.info.version, id: request_.id ?? String(request.id), outputs });
  };
  app.post('/v2/models/:name/infer', infer);
  app.post('/v2/models/:name/versions/:version/infer', infer);
}
