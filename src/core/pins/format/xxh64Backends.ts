// Two implementations of xxHash64 (seed 0) behind one small interface. The native one
// (@node-rs/xxhash, a prebuilt Node-API binary per platform) hashes straight from the caller's
// buffer, about 1.4x faster than WebAssembly, which must first copy every byte into its own
// memory. The WebAssembly one (xxhash-wasm) runs anywhere, so it is the fallback on platforms
// without a prebuilt binary. Both are checked against each other by the tests.
import xxhashWasm from 'xxhash-wasm';

export interface Xxh64Backend {
  readonly name: 'native' | 'wasm';
  hash(bytes: Uint8Array): bigint;
  create(): { update(chunk: Uint8Array): void; digest(): bigint };
}

export async function loadNativeXxh64(): Promise<Xxh64Backend> {
  const { xxh64, Xxh64 } = await import('@node-rs/xxhash');
  return {
    name: 'native',
    hash: (bytes) => xxh64(bytes, 0n),
    create: () => {
      const state = new Xxh64(0n);
      return {
        update: (chunk) => void state.update(chunk),
        digest: () => state.digest(),
      };
    },
  };
}

/** xxhash-wasm copies its input into WebAssembly memory, which grows (for good) to the largest input: feed it pieces. */
const WASM_PIECE_BYTES = 1 << 20;

export async function loadWasmXxh64(): Promise<Xxh64Backend> {
  const api = await xxhashWasm();
  const create = () => {
    const state = api.create64(0n);
    return {
      update: (chunk: Uint8Array) => {
        for (let offset = 0; offset < chunk.byteLength; offset += WASM_PIECE_BYTES) {
          state.update(chunk.subarray(offset, offset + WASM_PIECE_BYTES));
        }
      },
      digest: () => state.digest(),
    };
  };
  return {
    name: 'wasm',
    hash: (bytes) => {
      if (bytes.byteLength <= WASM_PIECE_BYTES) return api.h64Raw(bytes, 0n);
      const state = create();
      state.update(bytes);
      return state.digest();
    },
    create,
  };
}
