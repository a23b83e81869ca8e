// The request log line is built by hand for speed; whatever the path or names hold, it must be
// exactly the JSON a log system would get from JSON.stringify.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BufferedLineWriter, formatLogLine, type RequestLogLine } from '../../src/server/requestLog.js';

test('formatLogLine gives JSON.stringify\'s output for any path, model, version and id', () => {
  fc.assert(fc.property(
    fc.record({
      path: fc.string({ unit: 'binary' }), model: fc.string(), version: fc.string(), id: fc.string(),
      status: fc.integer({ min: 100, max: 599 }), ms: fc.double({ min: 0, max: 1e6, noNaN: true }), rows: fc.option(fc.nat(), { nil: undefined }),
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
    }),
    (fields) => {
      // In the order the server builds it (build.ts), which is the order of the documented line.
      const line: RequestLogLine = {
        time: new Date(0).toISOString(), method: fields.method, path: fields.path, status: fields.status, ms: fields.ms,
        ...(fields.rows === undefined ? {} : { rows: fields.rows }), model: fields.model, version: fields.version, id: fields.id,
      };
      assert.equal(formatLogLine(line), JSON.stringify(line));
    },
  ), { seed: 20261126, numRuns: 500 });
});

test('lines are written in one chunk after 100 ms, or at once past 64 KiB', async () => {
  const chunks: string[] = [];
  const writer = new BufferedLineWriter({ write: (chunk: string) => { chunks.push(chunk); return true; } }, 100);
  writer.write('a');
  writer.write('b');
  assert.deepEqual(chunks, []);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.deepEqual(chunks, ['a\nb\n']);
  writer.write('x'.repeat(70 * 1024));
  assert.equal(chunks.length, 2, 'a large backlog is written without waiting');
});
