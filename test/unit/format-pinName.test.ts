import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isPinsError, PinsError } from '../../src/core/pins/errors.js';
import { checkPinName } from '../../src/core/pins/format/pinName.js';

function rejection(name: string): PinsError {
  try {
    checkPinName(name);
  } catch (error) {
    if (isPinsError(error, 'invalid-name')) return error;
    throw error;
  }
  assert.fail(`expected ${JSON.stringify(name)} to be rejected`);
}

/** The name the message proposes instead (messages end with `try "<name>" instead.`). */
function suggestion(error: PinsError): string {
  const match = /try ("(?:[^"\\]|\\.)*") instead\.$/.exec(error.message);
  assert.ok(match?.[1], `no suggestion in: ${error.message}`);
  return JSON.parse(match[1]) as string;
}

test('names pins-r and pins-python use are accepted unchanged', () => {
  for (const name of ['df_csv', 'df-1', 'sales.v2', 'y', 'x', 'ads_rf_onnx', 'my pin', 'café', 'données_2024', 'a'.repeat(255)]) {
    assert.equal(checkPinName(name), name);
  }
});

test('each broken rule is explained, and the suggested name is valid', () => {
  const cases: [string, RegExp][] = [
    ['', /is empty/],
    ['team/model', /slash/],
    ['team\\model', /slash/],
    ['/abs/path', /slash/],
    ['../escape', /slash/],
    ['_pins.yaml', /reserved.*manifest/],
    ['.', /path to a folder/],
    ['..', /path to a folder/],
    ['.hidden', /starts with "\."/],
    ['line\nbreak', /control character/],
    ['tab\there', /control character/],
    ['nul\u0000byte', /control character/],
    ['C:model', /Windows/],
    ['what?', /Windows/],
    ['star*', /Windows/],
    ['a<b>c', /Windows/],
    ['pipe|name', /Windows/],
    ['quote"name', /Windows/],
    ['trailing.', /ends with a dot or a space/],
    ['trailing ', /ends with a dot or a space/],
    ['CON', /reserved device name/],
    ['nul.csv', /reserved device name/],
    ['x'.repeat(256), /256 bytes long/],
    ['é'.repeat(128), /256 bytes long/],
    [`CON.${'x'.repeat(300)}`, /reserved device name/],
    [`${'x'.repeat(254)} y`, /bytes long/],
  ];
  for (const [name, reason] of cases) {
    const error = rejection(name);
    assert.match(error.message, reason, JSON.stringify(name));
    assert.ok(error.message.includes(JSON.stringify(name)), `message names the pin: ${error.message}`);
    assert.equal(checkPinName(suggestion(error)), suggestion(error));
  }
});

test('a suggestion keeps the recognisable part of the name', () => {
  assert.equal(suggestion(rejection('team/model')), 'team-model');
  assert.equal(suggestion(rejection('.hidden')), 'hidden');
  assert.equal(suggestion(rejection('')), 'my-pin');
});

test('any string is either accepted as is or rejected with a valid suggestion', () => {
  const awkward = fc.constantFrom('/', '\\', '.', '..', ':', '*', '\n', ' ', 'CON', '_pins.yaml', 'é', '\u0085');
  const name = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.array(fc.oneof(awkward, fc.string({ maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join('')),
  );
  fc.assert(
    fc.property(name, (candidate) => {
      let accepted: string | undefined;
      try {
        accepted = checkPinName(candidate);
      } catch (error) {
        assert.ok(isPinsError(error, 'invalid-name'));
        const proposed = suggestion(error);
        assert.equal(checkPinName(proposed), proposed);
        return;
      }
      assert.equal(accepted, candidate);
      assert.ok(!/[/\\]/.test(candidate) && !candidate.startsWith('.') && candidate !== '');
    }),
    { numRuns: 300 },
  );
});
