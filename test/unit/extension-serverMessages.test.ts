// The crash and start-failure notifications must stay short enough for VS Code to pop it up as a toast (a toast taller
// than the room for toasts is silently left in the notification centre; text past 1,000 characters
// is cut), while still showing the newest of the server's last lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crashMessage, withLastLines } from '../../src/extension/servers/serverMessages.js';

const requestLine = (id: number) =>
  JSON.stringify({ time: '2026-11-26T11:37:56.687Z', method: 'POST', path: '/predict', status: 200, ms: 2.2, rows: 3, model: 'ads_model', version: '20210120T103000Z-01c09', id: `req-${id}` });

test('ten long log lines: the message stays a few hundred characters and ends with the newest line', () => {
  const lines = Array.from({ length: 10 }, (_, index) => `${requestLine(index)} ${'x'.repeat(200)}`);
  const message = crashMessage('ads_model@20210120T103000Z-01c09', 'killed by SIGKILL', lines);
  assert.ok(message.length < 700, `${message.length} characters`);
  assert.match(message, /^The predict server for ads_model@20210120T103000Z-01c09 stopped unexpectedly \(killed by SIGKILL\)\. Its last log lines:\n/);
  const shown = message.split('\n').slice(1);
  assert.ok(shown.length >= 2, 'more than one line fits');
  assert.ok(shown.at(-1)!.startsWith(requestLine(9).slice(0, 100)), 'the newest line is last');
  assert.ok(shown.every((line) => line.length <= 160), 'each line is clipped');
});

test('short lines are shown whole, oldest first', () => {
  const lines = ['Starting ads_model…', 'Serving ads_model at http://127.0.0.1:41553', 'Error: out of memory'];
  const message = crashMessage('ads_model@v1', 'exit code 134', lines);
  assert.deepEqual(message.split('\n').slice(1), lines);
});

test('a server that printed nothing: no empty list of lines, and where to look instead', () => {
  const message = crashMessage('ads_model@v1', 'exit code 1', ['', '  ']);
  assert.match(message, /^The predict server for ads_model@v1 stopped unexpectedly \(exit code 1\)\./);
  assert.doesNotMatch(message, /last log lines|\n/);
  assert.match(message, /Show Log/);
});

test('a start failure keeps its own message whole and adds only the lines that fit', () => {
  const failure = 'Could not serve ads_model: the model file ads_model.onnx is not ONNX (it is a zip archive). Pin an .onnx file.';
  const lines = Array.from({ length: 10 }, (_, index) => `line ${index} ${'y'.repeat(150)}`);
  const message = withLastLines(failure, lines);
  assert.ok(message.startsWith(`${failure} Its last log lines:\n`), message);
  assert.ok(message.length < failure.length + 400, `${message.length} characters`);
  assert.match(message, /line 9 /, 'the newest line is there');
  assert.equal(withLastLines(failure, []), failure, 'no lines: no heading for them');
});
