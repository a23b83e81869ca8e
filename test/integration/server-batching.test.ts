// Concurrent predictions are merged into one onnxruntime call (src/server/batchingSession.ts):
// every request must still get exactly its own rows' answers, in order, and its own error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelRow, ModelSession, PredictionResult } from '../../src/core/inference/modelSession.js';
import { BatchingSession } from '../../src/server/batchingSession.js';
import { allAdsRows } from '../support/onnxModels.js';
import { skipWithoutShared } from '../support/sharedFixtures.js';
import { servedForest } from '../support/servedForest.js';

test('50 concurrent requests of 1 to 64 rows each get the answers the model gives them alone', skipWithoutShared, async () => {
  const model = await servedForest();
  const session = model.session;
  const combos = allAdsRows();
  const requests = Array.from({ length: 50 }, (_, i) => combos.slice(i % 64, (i % 64) + 1 + ((i * 7) % 64)));
  const alone: PredictionResult[] = [];
  for (const rows of requests) alone.push(await session.predict(rows));
  let calls = 0;
  const counting: ModelSession = { spec: session.spec, predict: (rows) => { calls += 1; return session.predict(rows); }, dispose: () => session.dispose() };
  const batching = new BatchingSession(counting);
  const together = await Promise.all(requests.map((rows) => batching.predict(rows)));
  assert.deepEqual(together, alone);
  assert.ok(calls < requests.length / 5, `requests were merged (${calls} model calls for ${requests.length} requests)`);
  await batching.dispose();
});

test('when a merged call fails, each request is answered on its own: the bad one gets its error, the others their predictions', async () => {
  const spec = (await import('../support/servedForest.js')).forestSpec();
  const fake: ModelSession = {
    spec,
    async predict(rows: readonly ModelRow[]) {
      await new Promise((resolve) => setImmediate(resolve));
      if (rows.some((row) => row.funny === null)) throw new Error('row with a null');
      return { predictions: rows.map((row) => (row.funny ? 1 : 0)) };
    },
    dispose: async () => undefined,
  };
  const batching = new BatchingSession(fake);
  const results = await Promise.allSettled([
    batching.predict([{ funny: true }]),
    batching.predict([{ funny: false }, { funny: true }]),
    batching.predict([{ funny: null }]),
    batching.predict([{ funny: true }]),
  ]);
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value.predictions : (r.reason as Error).message)), [[1], [0, 1], 'row with a null', [1]]);
});
