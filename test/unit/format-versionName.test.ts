import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isPinsError } from '../../src/core/pins/errors.js';
import {
  formatCreated,
  isVersionName,
  makeVersionName,
  parseCreated,
  parseVersionName,
} from '../../src/core/pins/format/versionName.js';

test('formatCreated writes UTC as YYYYMMDDTHHMMSSZ, dropping milliseconds', () => {
  assert.equal(formatCreated(new Date(Date.UTC(2022, 11, 15, 18, 3, 51, 999))), '20221215T180351Z');
  assert.equal(formatCreated(new Date(Date.UTC(2021, 0, 2, 3, 4, 5))), '20210102T030405Z');
  assert.equal(formatCreated(new Date('0999-01-01T00:00:00Z')), '09990101T000000Z');
});

test('formatCreated refuses dates a version name cannot hold', () => {
  assert.throws(() => formatCreated(new Date('not a date')), (error) => isPinsError(error, 'invalid-argument'));
  assert.throws(() => formatCreated(new Date('+010000-01-01T00:00:00Z')), (error) => isPinsError(error, 'invalid-argument'));
});

test('parseCreated reads the compact form and the 2021 ISO form as UTC', () => {
  assert.equal(parseCreated('20221215T180351Z')?.toISOString(), '2022-12-15T18:03:51.000Z');
  assert.equal(parseCreated('20221215T180351')?.toISOString(), '2022-12-15T18:03:51.000Z');
  assert.equal(parseCreated('2021-04-22T20:22:33')?.toISOString(), '2021-04-22T20:22:33.000Z');
  assert.equal(parseCreated('2021-04-22 20:22:33.25Z')?.toISOString(), '2021-04-22T20:22:33.250Z');
  assert.equal(parseCreated('2021-04-22T20:22:33+02:00')?.toISOString(), '2021-04-22T18:22:33.000Z');
  assert.equal(parseCreated('2021-04-22')?.toISOString(), '2021-04-22T00:00:00.000Z');
});

test('parseCreated returns null for text that is not a valid time', () => {
  for (const text of ['', 'yesterday', '20221315T000000Z', '20220230T000000Z', '20221215T240000Z', '2022-02-30T00:00:00', '1e5']) {
    assert.equal(parseCreated(text), null, JSON.stringify(text));
  }
});

test('makeVersionName appends the first 5 hash digits to the creation time', () => {
  const created = new Date(Date.UTC(2022, 11, 15, 18, 3, 51));
  assert.equal(makeVersionName(created, 'c3943ca5a9aab2df'), '20221215T180351Z-c3943');
  assert.equal(makeVersionName(created, '7bdc4d364edbe361dd14652ca8a9be4a'), '20221215T180351Z-7bdc4');
  for (const badHash of ['', 'abc', 'XYZ12345', 'C3943CA5']) {
    assert.throws(() => makeVersionName(created, badHash), (error) => isPinsError(error, 'invalid-argument'));
  }
});

test('parseVersionName reads names written by pins-r and pins-python', () => {
  assert.deepEqual(parseVersionName('20220214T163720Z-9bfad'), {
    created: new Date(Date.UTC(2022, 1, 14, 16, 37, 20)),
    hash: '9bfad',
  });
  // pins-r accepts any hash length; such a folder still gets its creation time.
  assert.equal(parseVersionName('20220214T163720Z-9bfad123')?.hash, '9bfad123');
  for (const name of ['v', 'latest', '20220214T163720Z', '20220214T163720Z-', '20220214T163720Z-ab-cd', '20221315T163720Z-9bfad']) {
    assert.equal(parseVersionName(name), null, name);
  }
});

test('isVersionName accepts exactly YYYYMMDDTHHMMSSZ-xxxxx', () => {
  assert.equal(isVersionName('20220214T163720Z-9bfad'), true);
  for (const name of ['20220214T163720Z-9bfad1', '20220214T163720Z-9BFAD', '20220214T163720-9bfad', '20221315T163720Z-9bfad', 'v', '']) {
    assert.equal(isVersionName(name), false, name);
  }
});

test('version names round-trip and sort in creation order', () => {
  const secondPrecisionDate = fc
    .integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000 })
    .map((seconds) => new Date(seconds * 1000));
  const hash = fc.stringMatching(/^[0-9a-f]{16}$/);
  fc.assert(
    fc.property(secondPrecisionDate, secondPrecisionDate, hash, hash, (first, second, firstHash, secondHash) => {
      const firstName = makeVersionName(first, firstHash);
      const secondName = makeVersionName(second, secondHash);
      assert.equal(isVersionName(firstName), true);
      assert.deepEqual(parseVersionName(firstName), { created: first, hash: firstHash.slice(0, 5) });
      if (first.getTime() < second.getTime()) assert.ok(firstName < secondName, `${firstName} < ${secondName}`);
    }),
    { numRuns: 300 },
  );
});
