import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { docsPage } from '../docsPage.js';

/** The human side: an offline docs page with a "try it" form, and the OpenAPI document. */
export function docsRoutes(app: FastifyInstance): void {
  // Relative, as vetiver-python does, so the redirect works behind a path prefix (Connect, a proxy).
  app.get('/', async (_request, reply) => reply.code(307).header('location', '__docs__').send());

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const { html, csp } = docsPage(request.lease.model.docsTemplate);
    return reply.header('content-security-policy', csp).type('text/html; charset=utf-8').send(html);
  };
  // One address for the page, so that its relative links (predict, openapi.json) resolve:
  // /__docs__/ and FastAPI's /docs (where vetiver-python users look) redirect there.
  app.get('/__docs__', page);
  app.get('/__docs__/', async (_request, reply) => reply.code(307).header('location', '../__docs__').send());
  app.get('/docs', async (_request, reply) => reply.code(307).header('location', '__docs__').send());

  // Browsers ask for it on every page; an empty answer beats a 404 in the console.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.get('/openapi.json', async (request, reply) => reply.type('application/json; charset=utf-8').send(request.lease.model.json.openapi));
}
