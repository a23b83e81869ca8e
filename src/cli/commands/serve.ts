import { formatBytes } from '../../server/apiErrors.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_HOST, DEFAULT_PORT } from '../../core/serverDefaults.js';
import type { Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve a model pin version as a vetiver-compatible predict API',
  positionals: [{ name: 'NAME', required: true, description: 'the model pin (an ONNX model pinned with pin-model, or an .onnx file pin)' }],
  options: {
    version: { type: 'string', value: 'V', example: '20261126T050936Z-5e16d', description: 'the pin version to serve (default: the latest)' },
    host: { type: 'string', value: 'HOST', example: '127.0.0.1', description: `the address to listen on (default ${DEFAULT_HOST}: this machine only; 0.0.0.0 for every interface)` },
    port: { type: 'string', value: 'PORT', example: '8080', description: `the port (default ${DEFAULT_PORT}; 0 picks a free one)` },
    'body-limit': { type: 'string', value: 'SIZE', example: '50mb', description: `the largest request body accepted, e.g. 50mb (default ${formatBytes(DEFAULT_BODY_LIMIT)}); larger ones get 413` },
  },
  details:
    'Endpoints: POST /predict (and /predict_proba for classifiers), GET /ping, /metadata, /prototype, /openapi.json, ' +
    'the docs page /__docs__ (/ redirects there), and the Open Inference Protocol /v2/... routes. ' +
    'One JSON line per request is logged on stdout. SIGTERM or Ctrl+C stops after the requests in flight; ' +
    'SIGHUP switches to the newest version of the pin without dropping requests.',
  jsonShape: 'first line: {"type": "ready", "url": string, "host": string, "port": number, "name": string, "version": string, "pid": number, "startupMs": number}; then one JSON line per request, and {"type": "switched", "version", "previous"} or {"type": "switch-failed", "version", "message"} when the version changes (SIGHUP)',
  examples: ['pinwheel serve ads_rf --board ./my-board', 'pinwheel serve ads_rf --version 20261126T050936Z-5e16d --port 0 --board ./my-board'],
  load: async () => (await import('./serve.run.js')).run,
};
