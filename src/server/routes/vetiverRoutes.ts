import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exampleRow } from '../../core/requests/exampleRow.js';
import { sendError } from '../apiErrors.js';
import { parseJsonBody } from '../requestBody.js';
import { validateRows } from '../requestRows.js';
import type { ServedModel } from '../servedModel.js';
import type { PredictionResult } from '../../core/inference/modelSession.js';

function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/**
 * Column names percent-encoded (headers are ASCII), at most 20 of 64 characters each, so a
 * body with huge keys cannot produce a header that clients and proxies refuse to read.
 */
function ignoredColumnsHeader(columns: readonly string[]): string {
  const shown = columns.slice(0, 20).map((column) => {
    const name = column.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
    return encodeURIComponent(name.length > 64 ? `${name.slice(0, 63)}…` : name);
  });
  return columns.length > shown.length ? `${shown.join(',')},…` : shown.join(',');
}

/**
 * Body → validated rows → model, or the error answer already sent (400 not JSON, 422 not
 * matching the prototype). Returns null when an error was sent.
 */
async function predictFromRequest(model: ServedModel, body: unknown, reply: FastifyReply): Promise<PredictionResult | null> {
  const parsed = parseJsonBody(body, () => JSON.stringify([exampleRow(model.spec.prototype)]));
  if (!parsed.ok) {
    sendError(reply, 400, parsed.message);
    return null;
  }
  const rows = validateRows(parsed.value, model.spec.prototype, model.rowSchema);
  if (!rows.ok) {
    sendError(reply, 422, rows.message, rows.details);
    return null;
  }
  if (rows.ignoredColumns.length > 0) void reply.header('x-ignored-columns', ignoredColumnsHeader(rows.ignoredColumns));
  reply.request.rowCount = rows.rows.length;
  return model.session.predict(rows.rows);
}

/** The vetiver REST API (spec §5): what vetiver-python's and vetiver-r's clients call. */
export function vetiverRoutes(app: FastifyInstance): void {
  app.get('/ping', async (_request, reply) => sendJson(reply, '{"ping":"pong"}'));
  app.get('/metadata', async (request, reply) => sendJson(reply, request.lease.model.json.metadata));
  app.get('/prototype', async (request, reply) => sendJson(reply, request.lease.model.json.prototype));
  app.get('/pin-url', async (request, reply) => {
    const url = request.lease.model.info.url;
    if (url === null) return sendError(reply, 404, 'this model was not read from a board with URLs (only Posit Connect boards have one), so there is no pin URL.');
    return sendJson(reply, JSON.stringify(url));
  });

  const predict = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await predictFromRequest(request.lease.model, request.body, reply);
    if (result === null) return reply;
    return sendJson(reply, JSON.stringify({ predict: result.predictions }));
  };
  app.post('/predict', predict);
  app.post('/predict/', predict);

  const predictProba = async (request: FastifyRequest, reply: FastifyReply) => {
    const model = request.lease.model;
    if (!model.isClassifier) {
      return sendError(reply, 404, `the model ${model.info.name}@${model.info.version} is a ${model.spec.task} model without class probabilities; use POST /predict.`);
    }
    const result = await predictFromRequest(model, request.body, reply);
    if (result === null) return reply;
    return sendJson(reply, JSON.stringify({ predict_proba: result.probabilities ?? [], classes: result.classes ?? [] }));
  };
  app.post('/predict_proba', predictProba);
  app.post('/predict_proba/', predictProba);
}
