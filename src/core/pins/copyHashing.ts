// Copying a file into a staged version while computing its pin hash in the same pass: the hash
// describes exactly the bytes written (even if the source changes meanwhile), and the next read
// overlaps the current write, so on a 2-core machine this is about as fast as the kernel's copy.
import fs from 'node:fs/promises';
import { createXxh64 } from './format/hash.js';

/** 2 MiB: measured fastest here against 1, 4 and 8 MiB (smaller chunks keep the caches warm). */
const CHUNK_BYTES = 2 << 20;

/** Copies `source` to the new file `target`; an aborted `signal` stops the copy between chunks (the caller discards the target). */
export async function copyFileHashing(source: string, target: string, signal?: AbortSignal): Promise<{ size: number; hash: string }> {
  const hash = await createXxh64();
  const input = await fs.open(source, 'r');
  try {
    const output = await fs.open(target, 'wx');
    try {
      const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)] as const;
      let size = 0;
      let turn = 0;
      let writing: Promise<unknown> = Promise.resolve();
      let { bytesRead } = await input.read(buffers[0], 0, CHUNK_BYTES, null);
      while (bytesRead > 0) {
        if (signal?.aborted) {
          await writing;
          signal.throwIfAborted();
        }
        const chunk = buffers[turn]!.subarray(0, bytesRead);
        // The other buffer is free once its write has finished; read into it while this one is written.
        await writing;
        writing = writeAll(output, chunk);
        turn = 1 - turn;
        const reading = input.read(buffers[turn]!, 0, CHUNK_BYTES, null);
        hash.update(chunk);
        size += bytesRead;
        ({ bytesRead } = await reading);
      }
      await writing;
      return { size, hash: hash.digestHex() };
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}

async function writeAll(file: fs.FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset, null);
    offset += bytesWritten;
  }
}
