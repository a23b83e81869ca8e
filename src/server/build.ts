import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandlers } from './apiErrors.js';
import { DEFAULT_BODY_LIMIT } from '../core/serverDefaults.js';
import type { ModelLease, ModelSlot } from './modelSlot.js';
import type { LogSink } from './requestLog.js';
import { docsRoutes } from './routes/docsRoutes.js';
import { openInferenceRoutes } from './routes/openInferenceRoutes.js';
import { vetiverRoutes } from './routes/vetiverRoutes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The served version this request uses from start to end, even across a version switch. */
    lease: ModelLease;
    rowCount: number | undefined;
  }
}

export interface BuildOptions {
  slot: ModelSlot;
  /** Pinwheel's version, reported by /v2 and in /metadata. */
  serverVersion: string;
  /** Largest accepted request body in bytes (413 above). Default 20 MiB, about 100,000 rows of 10 columns. */
  bodyLimit?: number;
  /** Where the one-line-per-request log goes; none when omitted. */
  log?: LogSink;
}

/** Stands in for Fastify's schema compilers: a route given a `schema` fails loudly at start-up. */
function noRouteSchemas(): never {
  throw new Error("Pinwheel's server does not use Fastify route schemas: check requests with zod in the route (see requestRows.ts).");
}

/** A path pattern such as /v2/models/:name as a RegExp, for answering 405 with an Allow header. */
function patternOf(url: string): RegExp {
  const escaped = url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * The predict server, ready for `inject()` in tests or `listen()` in production (listen.ts).
 * One model slot; the routes read the version each request leased, so a switch is seamless.
 */
export async function buildServer(options: BuildOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: false,
    bodyLimit,
    // Requests on a closing server get 503 while in-flight ones finish (graceful shutdown).
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: false,
    // No route declares a Fastify schema (bodies are checked with zod in the routes, answers are
    // JSON.stringify'd), so Fastify's Ajv validator and fast-json-stringify serializer compilers are
    // never used: giving these stand-ins keeps Fastify from loading them (~50 ms of start-up), and
    // scripts/build.mjs leaves them out of the bundles.
    schemaController: { compilersFactory: { buildValidator: noRouteSchemas, buildSerializer: noRouteSchemas } },
  });

  // vetiver's clients send JSON with no Content-Type (Python) or an empty one (R): take every
  // body as text and parse it in the route, so a bad body gets our 400 rather than Fastify's 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const routes: { pattern: RegExp; method: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ pattern: patternOf(route.url), method });
  });
  installErrorHandlers(app, bodyLimit, (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))]);

  app.decorateRequest('lease', null as unknown as ModelLease);
  app.decorateRequest('rowCount', undefined);
  // Callback-style hooks: an async hook costs a promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    // Every body is parsed as JSON, so the Content-Type says nothing we use; an empty or
    // malformed one (httr can send one; merged headers give "application/json,text/plain")
    // would only make Fastify answer 415 before the route can give a useful answer.
    // (Overwritten rather than deleted: deleting a key makes V8 slow down the headers object.)
    if (request.headers['content-type'] !== undefined) request.headers['content-type'] = 'text/plain';
    request.lease = options.slot.acquire();
    const { info } = request.lease.model;
    void reply.header('x-model-name', info.name).header('x-model-version', info.version);
    done();
  });
  const log = options.log;
  app.addHook('onResponse', (request, reply, done) => {
    request.lease.release();
    if (log) {
      const { info } = request.lease.model;
      log({
        time: new Date().toISOString(),
        method: request.method,
        path: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 1000) / 1000,
        ...(request.rowCount === undefined ? {} : { rows: request.rowCount }),
        model: info.name,
        version: info.version,
        id: String(request.id),
      });
    }
    done();
  });
  // A client that hangs up mid-request must not keep the old version alive forever.
  app.addHook('onRequestAbort', async (request) => request.lease?.release());

  vetiverRoutes(app);
  docsRoutes(app);
  openInferenceRoutes(app, options.serverVersion);
  return app;
}
