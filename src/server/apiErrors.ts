import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { RowProblem } from './requestRows.js';

/**
 * Every error answer has the same JSON shape, so both vetiver clients can show it: Python's
 * raises TypeError with the text of a 422; R's prints `message`.
 */
export interface ApiErrorBody {
  error: string;
  message: string;
  details: RowProblem[];
}

export function sendError(reply: FastifyReply, status: number, message: string, details: RowProblem[] = []): FastifyReply {
  const body: ApiErrorBody = { error: STATUS_CODES[status] ?? 'Error', message, details };
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Fastify's own errors (body too large, bad content length…) in our shape, with a fix. */
function messageFor(error: FastifyError, bodyLimit: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the request body is larger than this server's limit of ${formatBytes(bodyLimit)}. Send fewer rows per request, or start the server with a larger --body-limit.`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return `the request body could not be read (${error.message}).`;
    default:
      return error.message;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Errors thrown anywhere become JSON: 4xx from Fastify keep their status; anything else is a
 * bug or a model failure, answered 500 with a message and logged, never with a stack.
 */
export function installErrorHandlers(app: FastifyInstance, bodyLimit: number, methodsOf: (path: string) => string[]): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'request failed');
      return sendError(reply, 500, `the model could not answer this request: ${error.message}`);
    }
    return sendError(reply, status, messageFor(error, bodyLimit));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const methods = methodsOf(path);
    if (methods.length > 0 && !methods.includes(request.method)) {
      void reply.header('allow', methods.join(', '));
      return sendError(reply, 405, `${request.method} is not allowed on ${path}; use ${methods.join(' or ')}.`);
    }
    return sendError(reply, 404, `there is nothing at ${request.method} ${path}. The endpoints are listed at GET /__docs__ and GET /openapi.json.`);
  });
}
