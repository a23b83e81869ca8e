// The native and the WebAssembly xxh64 must agree byte for byte: the native one is used where
// its binary exists, the WebAssembly one everywhere else, and both write pins' version names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadNativeXxh64, loadWasmXxh64 } from '../../src/core/pins/format/xxh64Backends.js';
import { xxh64BackendName } from '../../src/core/pins/format/hash.js';

const hex = (digest: bigint) => digest.toString(16).padStart(16, '0');

test('on this machine pins are hashed by the native xxh64', async () => {
  assert.equal(await xxh64BackendName(), 'native');
});

test('native and WebAssembly xxh64 give the published test vectors', async () => {
  for (const backend of [await loadNativeXxh64(), await loadWasmXxh64()]) {
    assert.equal(hex(backend.hash(new Uint8Array())), 'ef46db3751d8e999', backend.name);
    assert.equal(hex(backend.hash(new TextEncoder().encode('123'))), '3c697d223fa7e885', backend.name);
    assert.equal(hex(backend.hash(new TextEncoder().encode('a'))), 'd24ec4f1a98c6e5b', backend.name);
  }
});

test('native and WebAssembly xxh64 agree on any bytes, hashed at once or in pieces', async () => {
  const [native, wasm] = [await loadNativeXxh64(), await loadWasmXxh64()];
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), fc.array(fc.nat(4096), { maxLength: 6 }), (bytes, cuts) => {
      const expected = native.hash(bytes);
      assert.equal(wasm.hash(bytes), expected);
      const points = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])].sort((a, b) => a - b);
      for (const backend of [native, wasm]) {
        const state = backend.create();
        for (let i = 1; i < points.length; i++) state.update(bytes.subarray(points[i - 1], points[i]));
        assert.equal(state.digest(), expected, backend.name);
      }
    }),
    { numRuns: 300 },
  );
  // Larger than WebAssembly's 1 MiB piece size, so its piecewise path is exercised.
  const big = new Uint8Array(3 * 1024 * 1024 + 11).map((_, i) => (i * 2654435761) >>> 24);
  assert.equal(wasm.hash(big), native.hash(big));
});
