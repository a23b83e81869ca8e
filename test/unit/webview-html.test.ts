// The HTML shell of every webview: its Content-Security-Policy, a fresh nonce per render, nothing
// remote, and resources only from dist/webview and media.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as vscode from 'vscode';
import { createNonce } from '../../src/extension/webviews/nonce.js';
import { contentSecurityPolicy, renderWebviewHtml } from '../../src/extension/webviews/webviewHtml.js';
import { webviewOptions, webviewPanelOptions } from '../../src/extension/webviews/webviewOptions.js';

const CSP_SOURCE = 'https://abc.vscode-cdn.net';

test('the CSP allows nothing by default, scripts by nonce only, styles and fonts from the webview source', () => {
  assert.equal(
    contentSecurityPolicy(CSP_SOURCE, 'N1'),
    `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'nonce-N1'; font-src ${CSP_SOURCE}; script-src 'nonce-N1'`,
  );
  assert.doesNotMatch(contentSecurityPolicy(CSP_SOURCE, 'N1'), /unsafe-inline|unsafe-eval|connect-src|\*/);
});

test('the shell carries the CSP, the nonce on its one script, and no remote URL', () => {
  const nonce = createNonce();
  const html = renderWebviewHtml({ cspSource: CSP_SOURCE, nonce, scriptUri: `${CSP_SOURCE}/ext/dist/webview/pinPreview.js`, styleUri: `${CSP_SOURCE}/ext/dist/webview/pinPreview.css`, title: 'ads <model>' });
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`));
  assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]), [`<script nonce="${nonce}" src="${CSP_SOURCE}/ext/dist/webview/pinPreview.js">`]);
  const urls = [...html.matchAll(/https?:\/\/[^\s"'<>;]+/g)].map((match) => match[0]);
  assert.ok(urls.length > 0);
  assert.ok(urls.every((url) => url.startsWith(CSP_SOURCE)), `only the webview source: ${urls.join(', ')}`);
  assert.ok(html.includes('<title>ads &lt;model&gt;</title>'), 'text is escaped');
  assert.doesNotMatch(html, /localhost|127\.0\.0\.1/);
});

test('a nonce is new on every render and fits the CSP grammar', () => {
  const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
  assert.equal(nonces.size, 200);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
});

test('webviews run scripts, load only dist/webview and media, and drop their page when hidden', () => {
  const extension = vscode.Uri.file('/ext');
  const options = webviewOptions(extension);
  assert.equal(options.enableScripts, true);
  assert.deepEqual(options.localResourceRoots?.map((uri) => uri.path), ['/ext/dist/webview', '/ext/media']);
  assert.equal(webviewPanelOptions(extension).retainContextWhenHidden, false);
});
