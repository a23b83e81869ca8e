import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AD_FEATURES, syntheticAds } from '../../src/core/demo/syntheticAds.js';

test('the demo ads data is the same on every machine for a given seed', () => {
  assert.deepEqual(syntheticAds({ rows: 50, seed: 7 }), syntheticAds({ rows: 50, seed: 7 }));
  assert.notDeepEqual(syntheticAds({ rows: 50, seed: 7 }), syntheticAds({ rows: 50, seed: 8 }));
});

test('the demo ads data carries a learnable signal: celebrity ads get more likes', () => {
  const rows = syntheticAds({ rows: 2000, seed: 1 });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const withCelebrity = mean(rows.filter((r) => r.celebrity).map((r) => r.like_count));
  const without = mean(rows.filter((r) => !r.celebrity).map((r) => r.like_count));
  assert.ok(withCelebrity - without > 800, `celebrity effect was ${withCelebrity - without}`);
  for (const row of rows) {
    assert.ok(Number.isInteger(row.like_count) && row.like_count >= 0);
    for (const feature of AD_FEATURES) assert.equal(typeof row[feature], 'boolean');
  }
});

test('demo rows are spread over consecutive air dates', () => {
  const rows = syntheticAds({ rows: 24, seed: 3, startDate: '2021-01-01', rowsPerDay: 8 });
  assert.deepEqual([...new Set(rows.map((r) => r.aired))], ['2021-01-01', '2021-01-02', '2021-01-03']);
});
