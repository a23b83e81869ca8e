// The message contract on the host: messages that do not match it are dropped with one clear log
// line; the host posts nothing before the webview's "initialized", then everything it queued.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as vscode from 'vscode';
import { checkWebviewMessage } from '../../src/extension/webviews/checkWebviewMessage.js';
import { WebviewHost } from '../../src/extension/webviews/webviewHost.js';

/** A webview panel as the host sees it: records what it was given and posted. */
function fakePanel() {
  const received = new vscode.EventEmitter<unknown>();
  const disposed = new vscode.EventEmitter<void>();
  const viewState = new vscode.EventEmitter<unknown>();
  const posted: unknown[] = [];
  const panel = {
    title: 'ads_model@20210120T…',
    visible: true,
    webview: {
      html: '',
      options: {} as vscode.WebviewOptions,
      cspSource: 'https://stub.vscode-cdn.net',
      asWebviewUri: (uri: vscode.Uri) => vscode.Uri.from({ scheme: 'https', authority: 'stub.vscode-cdn.net', path: uri.path }),
      postMessage: async (message: unknown) => {
        posted.push(message);
        return true;
      },
      onDidReceiveMessage: received.event,
    },
    onDidDispose: disposed.event,
    onDidChangeViewState: viewState.event,
    reveal() {},
    dispose() {
      disposed.fire();
    },
  };
  return { panel: panel as unknown as vscode.WebviewPanel, fake: panel, send: (message: unknown) => received.fire(message), hide: () => { panel.visible = false; viewState.fire({}); }, posted };
}

function lines() {
  const logged: string[] = [];
  return { logged, log: { appendLine: (line: string) => logged.push(line) } };
}

test('a message that is not in the contract is rejected with a log line naming the webview and the problem', () => {
  const unknownType = checkWebviewMessage('pinwheel.pinPreview', { type: 'deleteBoard', path: '/' });
  assert.equal(unknownType.ok, false);
  assert.match(!unknownType.ok ? unknownType.problem : '', /^\[webview pinwheel\.pinPreview\] ignored a message that is not in the message contract \(webview-ui\/contract\): .*type.*\. The message was \{"type":"deleteBoard","path":"\/"\}$/);
  for (const bad of [null, 'initialized', 42, {}, { type: 7 }]) assert.equal(checkWebviewMessage('pinwheel.pinPreview', bad).ok, false, JSON.stringify(bad));
  const long = checkWebviewMessage('pinwheel.pinPreview', { type: 'x'.repeat(10_000) });
  assert.ok(!long.ok && long.problem.length < 600, 'a huge message is not copied whole into the log');
  assert.deepEqual(checkWebviewMessage('pinwheel.pinPreview', { type: 'refresh' }), { ok: true, message: { type: 'refresh' } });
});

test('the host queues until "initialized", then posts in order; bad messages are logged and ignored', () => {
  const { panel, fake, send, posted } = fakePanel();
  const { logged, log } = lines();
  const host = WebviewHost.restore(panel, { viewType: 'pinwheel.pinPreview', extensionUri: vscode.Uri.file('/ext'), log });
  assert.match(fake.webview.html, /script-src 'nonce-[A-Za-z0-9_-]+'/);
  assert.ok(fake.webview.html.includes('https://stub.vscode-cdn.net/ext/dist/webview/pinPreview.js'));
  assert.equal(fake.webview.options.enableScripts, true);
  const handled: unknown[] = [];
  host.onMessage((message) => handled.push(message));
  let initialized = 0;
  host.onDidInitialize(() => initialized++);

  host.post({ type: 'loading', pin: 'ads' });
  host.post({ type: 'error', message: 'gone' });
  assert.deepEqual(posted, [], 'nothing before the handshake');
  send({ type: 'refresh', extra: 'ignored' });
  send({ type: 'nonsense' });
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /pinwheel\.pinPreview.*nonsense/);
  send({ type: 'initialized' });
  assert.deepEqual(posted, [{ type: 'loading', pin: 'ads' }, { type: 'error', message: 'gone' }]);
  assert.equal(initialized, 1);
  assert.deepEqual(handled, [{ type: 'refresh' }], 'valid messages reach the feature; extra fields are dropped');
  host.dispose();
});

test('a hidden panel loses its page: the host queues again until the reloaded app says "initialized"', () => {
  const { panel, send, hide, posted } = fakePanel();
  const host = WebviewHost.restore(panel, { viewType: 'pinwheel.pinPreview', extensionUri: vscode.Uri.file('/ext'), log: lines().log });
  send({ type: 'initialized' });
  hide();
  host.post({ type: 'loading', pin: 'ads' });
  assert.deepEqual(posted, []);
  send({ type: 'initialized' });
  assert.deepEqual(posted, [{ type: 'loading', pin: 'ads' }]);
  host.dispose();
});
