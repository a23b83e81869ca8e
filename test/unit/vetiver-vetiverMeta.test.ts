// vetiver-python's prototype string: written exactly as Python's json.dumps writes it (expected
// strings below were produced by CPython 3.11 json.dumps / repr), and read back with the types
// pydantic would give the values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVetiverPrototype, pythonFloatRepr, vetiverPrototypeJson } from '../../src/core/vetiver/vetiverMeta.js';

describe('vetiverPrototypeJson', () => {
  test('the example row of model-pins.md, keys in prototype order', () => {
    const names = ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals'];
    const examples = [true, false, false, false, true, false];
    const prototype = names.map((name, i) => ({ name, type: 'boolean' as const, example: examples[i] ?? false }));
    assert.equal(
      vetiverPrototypeJson(prototype),
      '{"funny": true, "show_product": false, "patriotic": false, "celebrity": false, "danger": true, "animals": false}',
    );
  });

  test('floats as Python repr, integers plain, text escaped with ensure_ascii, null', () => {
    // python3 -c 'import json; print(json.dumps({"a": 1, "c": 10.0, "d": 1e16, "e": 1.5e-7, "f": 0.0001, "g": "café \"q\" \\ \n\x7f", "h": None, "k": 1e15, "l": "😀"}))'
    const json = vetiverPrototypeJson([
      { name: 'a', type: 'integer', example: 1 },
      { name: 'c', type: 'number', example: 10 },
      { name: 'd', type: 'number', example: 1e16 },
      { name: 'e', type: 'number', example: 1.5e-7 },
      { name: 'f', type: 'number', example: 0.0001 },
      { name: 'g', type: 'string', example: 'café "q" \\ \n\x7f' },
      { name: 'h', type: 'number', example: null, nullable: true },
      { name: 'k', type: 'number', example: 1e15 },
      { name: 'l', type: 'string', example: '😀' },
    ]);
    assert.equal(json, '{"a": 1, "c": 10.0, "d": 1e+16, "e": 1.5e-07, "f": 0.0001, "g": "caf\\u00e9 \\"q\\" \\\\ \\n\\u007f", "h": null, "k": 1000000000000000.0, "l": "\\ud83d\\ude00"}');
  });

  test('pythonFloatRepr matches repr()', () => {
    // repr(2.5e-5), repr(0.1 + 0.2), repr(1e22), repr(-1234.5), repr(-0.0), repr(123456789.125)
    assert.deepEqual([2.5e-5, 0.1 + 0.2, 1e22, -1234.5, -0, 123456789.125].map(pythonFloatRepr), ['2.5e-05', '0.30000000000000004', '1e+22', '-1234.5', '-0.0', '123456789.125']);
  });
});

describe('parseVetiverPrototype', () => {
  test('the old-layout coffeeratings ptype: 10.0 stays a float column', () => {
    const { prototype, notes } = parseVetiverPrototype('{"aroma": 7.5, "flavor": 7.67, "sweetness": 10.0, "acidity": 7.67}');
    assert.deepEqual(prototype, [
      { name: 'aroma', type: 'number', example: 7.5 },
      { name: 'flavor', type: 'number', example: 7.67 },
      { name: 'sweetness', type: 'number', example: 10 },
      { name: 'acidity', type: 'number', example: 7.67 },
    ]);
    assert.deepEqual(notes, []);
  });

  test('ints, booleans, text, null, NaN and nested values', () => {
    const { prototype, notes } = parseVetiverPrototype('{"B": 96, "ok": true, "s": "x\\u00e9", "none": null, "nan": NaN, "v": [1, 2]}');
    assert.deepEqual(prototype, [
      { name: 'B', type: 'integer', example: 96 },
      { name: 'ok', type: 'boolean', example: true },
      { name: 's', type: 'string', example: 'xé' },
      { name: 'none', type: 'string', example: null, nullable: true },
      { name: 'nan', type: 'number', example: null, nullable: true },
      { name: 'v', type: 'string', example: '[1,2]' },
    ]);
    assert.equal(notes.length, 2);
  });

  test('round trip of what Pinwheel writes', () => {
    const prototype = [
      { name: 'n', type: 'number' as const, example: 3 },
      { name: 'i', type: 'integer' as const, example: -4 },
      { name: 'é "x"', type: 'string' as const, example: 'a\tb' },
    ];
    assert.deepEqual(parseVetiverPrototype(vetiverPrototypeJson(prototype)).prototype, prototype);
  });

  test('text that is not a JSON object is refused with the reason', () => {
    assert.throws(() => parseVetiverPrototype('{"a": '), /not valid JSON/);
    assert.throws(() => parseVetiverPrototype('[1, 2]'), /a list, not an object/);
  });
});
