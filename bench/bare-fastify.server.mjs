// The baseline of `npm run bench:server`: the same Fastify (from node_modules) with one POST
// route that parses the JSON body as any route would and answers a constant, and GET /ping.
// Plain JavaScript run by plain node, so its start-up time is Fastify's own.
// Usage: node bench/bare-fastify.server.mjs [PORT]; prints one JSON line when listening.
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/predict', async (_request, reply) => reply.type('application/json; charset=utf-8').send('{"predict":[0]}'));
app.get('/ping', async (_request, reply) => reply.type('application/json; charset=utf-8').send('{"ping":"pong"}'));

await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
process.stdout.write(`${JSON.stringify({ type: 'ready', url: `http://127.0.0.1:${port}`, port, pid: process.pid, startupMs: Math.round(performance.now()) })}\n`);

const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
