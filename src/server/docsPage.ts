import { randomBytes } from 'node:crypto';
import { exampleRow } from '../core/requests/exampleRow.js';
import type { ServedModel } from './servedModel.js';

/**
 * The /__docs__ page: works offline (no CDN, unlike vetiver's RapiDoc), under a strict CSP with
 * a per-response nonce. A person can read the endpoints and the prototype and try a prediction.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** JSON inside a <script type="application/json"> must not be able to close the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
:root { color-scheme: light dark; --accent: #8c2d2d; --head: #f2c6ac; --bg: #fff; --fg: #1f1f1f; --muted: #5f6368; --border: #d0d4d9; --code: #f5f6f7; }
@media (prefers-color-scheme: dark) { :root { --accent: #f0a0a0; --head: #5a3427; --bg: #1e1e1e; --fg: #e6e6e6; --muted: #a0a4a8; --border: #3c3f44; --code: #2a2c30; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
header { background: var(--head); padding: 1.2rem 2rem; }
header h1 { margin: 0; font-size: 1.5rem; }
header p { margin: .3rem 0 0; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 2rem 3rem; }
h2 { color: var(--accent); margin-top: 2rem; font-size: 1.15rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--border); vertical-align: top; }
code, textarea, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
code { background: var(--code); padding: 0 .25rem; border-radius: 3px; }
textarea { width: 100%; min-height: 13rem; padding: .6rem; background: var(--code); color: var(--fg); border: 1px solid var(--border); border-radius: 4px; }
pre { background: var(--code); padding: .8rem; border-radius: 4px; overflow: auto; max-height: 24rem; white-space: pre-wrap; }
button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .45rem 1rem; font: inherit; cursor: pointer; margin-right: .5rem; }
button.secondary { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
.muted { color: var(--muted); }
.status-ok { color: #2e7d32; } .status-error { color: #c62828; }
`;

const SCRIPT = `
const model = JSON.parse(document.getElementById('model-data').textContent);
const base = location.pathname.replace(/__docs__\\/?$/, '');
const body = document.getElementById('body');
const result = document.getElementById('result');
const status = document.getElementById('status');
const curl = document.getElementById('curl');
const example = JSON.stringify([model.example], null, 2);
function showCurl() {
  const url = location.origin + base + 'predict';
  curl.textContent = "curl -s -X POST '" + url + "' -H 'Content-Type: application/json' -d '" + body.value.replace(/\\s+/g, ' ').replace(/'/g, "'\\\\''") + "'";
}
async function send(endpoint) {
  status.textContent = 'Sending…'; status.className = 'muted'; result.textContent = '';
  const started = performance.now();
  try {
    const response = await fetch(base + endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body.value });
    const text = await response.text();
    const ms = (performance.now() - started).toFixed(1);
    status.textContent = response.status + ' ' + response.statusText + ' in ' + ms + ' ms, version ' + (response.headers.get('x-model-version') || '?');
    status.className = response.ok ? 'status-ok' : 'status-error';
    try { result.textContent = JSON.stringify(JSON.parse(text), null, 2); } catch { result.textContent = text; }
  } catch (error) {
    status.textContent = 'The request failed: ' + error.message; status.className = 'status-error';
  }
}
body.value = example;
showCurl();
body.addEventListener('input', showCurl);
document.getElementById('predict').addEventListener('click', () => send('predict'));
const proba = document.getElementById('predict-proba');
if (proba) proba.addEventListener('click', () => send('predict_proba'));
document.getElementById('reset').addEventListener('click', () => { body.value = example; showCurl(); });
`;

/** The page without its nonce: built once per served version. */
export function docsPageTemplate(model: Omit<ServedModel, 'json' | 'docsTemplate'>): string {
  const { info, spec } = model;
  const endpoints: [string, string, string][] = [
    ['POST', 'predict', 'Predictions for a JSON list of rows: <code>{"predict": [...]}</code>.'],
    ...(model.isClassifier ? [['POST', 'predict_proba', 'Class probabilities per row: <code>{"predict_proba": [[...]], "classes": [...]}</code>.'] as [string, string, string]] : []),
    ['GET', 'prototype', 'The columns a row needs (JSON Schema), as vetiver serves it.'],
    ['GET', 'metadata', 'Pin version, required packages, the user\'s metadata and Pinwheel\'s model details.'],
    ['GET', 'ping', 'Health check: <code>{"ping": "pong"}</code>.'],
    ['GET', 'openapi.json', 'The OpenAPI 3 description of this API.'],
    ['GET', 'v2/health/ready', 'Open Inference Protocol (v2) readiness; also <code>v2/health/live</code>, <code>v2/models/' + escapeHtml(info.name) + '</code> and its <code>/infer</code>.'],
  ];
  const columns = spec.prototype.map((column) => `<tr><td><code>${escapeHtml(column.name)}</code></td><td>${column.type}</td><td><code>${escapeHtml(JSON.stringify(column.example ?? null))}</code></td><td>${column.nullable ? 'yes (null or "NA")' : 'no'}</td></tr>`).join('');
  const rows = endpoints.map(([method, path, text]) => `<tr><td>${method}</td><td><a href="${path}"><code>/${path}</code></a></td><td>${text}</td></tr>`).join('');
  const data = scriptJson({ name: info.name, version: info.version, example: exampleRow(spec.prototype) });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.name)} model API</title>
<style nonce="__NONCE__">${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(info.name)} model API</h1>
<p>${escapeHtml(info.description ?? info.title)}</p>
<p class="muted">Pin version <code>${escapeHtml(info.version)}</code> · ${spec.task} · served by Pinwheel with onnxruntime ${escapeHtml(spec.runtime.onnxruntime)}</p>
</header>
<main>
<h2>Try it</h2>
<p>Edit the rows and send them. The example row comes from the model's prototype.</p>
<textarea id="body" spellcheck="false" aria-label="Request body"></textarea>
<p><button id="predict">POST /predict</button>${model.isClassifier ? '<button id="predict-proba">POST /predict_proba</button>' : ''}<button id="reset" class="secondary">Reset example</button></p>
<p id="status" class="muted" role="status"></p>
<pre id="result" aria-label="Response"></pre>
<p class="muted">The same request from a terminal:</p>
<pre id="curl"></pre>
<h2>Prototype: the columns of one row</h2>
<table><thead><tr><th>column</th><th>type</th><th>example</th><th>may be missing</th></tr></thead><tbody>${columns}</tbody></table>
<p class="muted">Columns the model does not use are ignored (as vetiver does) and named in the <code>X-Ignored-Columns</code> response header.
Text values such as <code>"1.5"</code> or <code>"true"</code> are read as numbers and booleans, as R's client sends them.
A request that does not match gets <code>422</code> with <code>{"error", "message", "details": [{"row", "column", "problem"}]}</code>; a body that is not JSON gets <code>400</code>.</p>
<h2>Endpoints</h2>
<table><thead><tr><th>method</th><th>path</th><th>what it does</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">From Python: <code>vetiver.predict(vetiver.vetiver_endpoint("&lt;this server&gt;/predict"), df)</code>. From R: <code>predict(vetiver_endpoint("&lt;this server&gt;/predict"), df)</code>.</p>
</main>
<script type="application/json" id="model-data">${data}</script>
<script nonce="__NONCE__">${SCRIPT}</script>
</body>
</html>
`;
}

export function docsPage(template: string): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  return {
    html: template.replaceAll('__NONCE__', nonce),
    csp: `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'`,
  };
}
