// Structural check of an Arrow IPC file before apache-arrow decodes it. apache-arrow trusts
// the flatbuffer metadata: in a damaged file a count or length read from it can make it loop
// for minutes over billions of phantom entries, or forever over a misplaced message. This walks
// the footer, the schema and every message with bounds-checked reads (Arrow's File.fbs,
// Schema.fbs and Message.fbs) and throws a plain Error describing the first inconsistency.

/** Minimal bounds-checked FlatBuffers reader: tables, vtables, vectors, unions, structs. */
class FlatBuffer {
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(at: number, size: number): void {
    if (!Number.isInteger(at) || at < 0 || at + size > this.bytes.length) throw new Error('metadata points outside its own bytes');
  }

  u8(at: number): number {
    this.need(at, 1);
    return this.view.getUint8(at);
  }

  u16(at: number): number {
    this.need(at, 2);
    return this.view.getUint16(at, true);
  }

  i32(at: number): number {
    this.need(at, 4);
    return this.view.getInt32(at, true);
  }

  u32(at: number): number {
    this.need(at, 4);
    return this.view.getUint32(at, true);
  }

  i64(at: number): number {
    this.need(at, 8);
    return Number(this.view.getBigInt64(at, true));
  }

  root(): number {
    return this.u32(0);
  }

  /** Position of table field `slot`'s value, or 0 when absent. */
  field(table: number, slot: number): number {
    const vtable = table - this.i32(table);
    const vtableSize = this.u16(vtable);
    const entry = 4 + 2 * slot;
    if (entry + 2 > vtableSize) return 0;
    const offset = this.u16(vtable + entry);
    return offset === 0 ? 0 : table + offset;
  }

  /** A scalar field, or its default (0) when absent. */
  scalar(table: number, slot: number, read: (at: number) => number): number {
    const at = this.field(table, slot);
    return at === 0 ? 0 : read.call(this, at);
  }

  table(table: number, slot: number): number {
    const at = this.field(table, slot);
    return at === 0 ? 0 : at + this.u32(at);
  }

  /** Start and length of a vector field; the length is checked against the bytes available. */
  vector(table: number, slot: number, elementSize: number): { start: number; length: number } {
    const at = this.field(table, slot);
    if (at === 0) return { start: 0, length: 0 };
    const header = at + this.u32(at);
    const length = this.u32(header);
    this.need(header + 4, length * elementSize);
    return { start: header + 4, length };
  }
}

const MESSAGE_HEADER_DICTIONARY_BATCH = 2;
const MESSAGE_HEADER_RECORD_BATCH = 3;
const BLOCK_SIZE = 24;
const FIELD_NODE_SIZE = 16;
const BUFFER_SIZE = 16;
const MAX_NESTING = 64;

interface Block {
  offset: number;
  metaDataLength: number;
  bodyLength: number;
}

function readBlocks(fb: FlatBuffer, footer: number, slot: number): Block[] {
  const { start, length } = fb.vector(footer, slot, BLOCK_SIZE);
  const blocks: Block[] = [];
  for (let i = 0; i < length; i++) {
    const at = start + i * BLOCK_SIZE;
    blocks.push({ offset: fb.i64(at), metaDataLength: fb.i32(at + 8), bodyLength: fb.i64(at + 16) });
  }
  return blocks;
}

/** Field nodes a record batch holds per top-level field (a field and all its descendants). */
function countNodes(fb: FlatBuffer, field: number, depth: number): number {
  if (depth > MAX_NESTING) throw new Error('the schema nests deeper than any real file');
  fb.vector(field, 6, 4); // custom metadata
  if (fb.table(field, 4) !== 0) return 1; // dictionary-encoded: one node, for the indices
  const children = fb.vector(field, 5, 4);
  let count = 1;
  for (let i = 0; i < children.length; i++) {
    const at = children.start + 4 * i;
    count += countNodes(fb, at + fb.u32(at), depth + 1);
  }
  return count;
}

function checkRecordBatch(
  fb: FlatBuffer,
  batch: number,
  bodyLength: number,
  topLevelNodes: number[] | null,
  label: string,
): void {
  if (batch === 0) throw new Error(`${label} has no header`);
  const rows = fb.scalar(batch, 0, fb.i64);
  if (!(rows >= 0)) throw new Error(`${label} has a negative row count`);
  const nodes = fb.vector(batch, 1, FIELD_NODE_SIZE);
  if (topLevelNodes) {
    const expected = topLevelNodes.reduce((sum, n) => sum + n, 0);
    if (nodes.length !== expected) throw new Error(`${label} describes ${nodes.length} columns' worth of data, but the schema needs ${expected}`);
    let node = 0;
    for (const count of topLevelNodes) {
      const length = fb.i64(nodes.start + node * FIELD_NODE_SIZE);
      if (length !== rows) throw new Error(`${label} has a column of ${length} values in a batch of ${rows} rows`);
      node += count;
    }
  }
  for (let i = 0; i < nodes.length; i++) {
    const at = nodes.start + i * FIELD_NODE_SIZE;
    const length = fb.i64(at);
    const nulls = fb.i64(at + 8);
    if (!(length >= 0 && nulls >= 0 && nulls <= length)) throw new Error(`${label} has impossible value or null counts`);
  }
  fb.vector(batch, 4, 8); // variadic buffer counts
  const buffers = fb.vector(batch, 2, BUFFER_SIZE);
  for (let i = 0; i < buffers.length; i++) {
    const at = buffers.start + i * BUFFER_SIZE;
    const offset = fb.i64(at);
    const length = fb.i64(at + 8);
    if (!(offset >= 0 && length >= 0 && offset + length <= bodyLength)) throw new Error(`${label} has a buffer outside its body`);
  }
}

/** Throws an Error naming the first structural problem of the Arrow IPC file in `bytes`. */
export function checkArrowFileStructure(bytes: Uint8Array): void {
  const footerEnd = bytes.length - 10; // footer, int32 footer length, 'ARROW1'
  const whole = new FlatBuffer(bytes);
  const footerLength = whole.i32(footerEnd);
  if (!(footerLength > 0 && footerLength <= footerEnd - 8)) throw new Error('the footer length is impossible');
  const footerStart = footerEnd - footerLength;
  const fb = new FlatBuffer(bytes.subarray(footerStart, footerEnd));
  const footer = fb.root();
  const schema = fb.table(footer, 1);
  if (schema === 0) throw new Error('the footer has no schema');
  fb.vector(footer, 4, 4); // custom metadata
  fb.vector(schema, 2, 4);
  const fields = fb.vector(schema, 1, 4);
  const topLevelNodes: number[] = [];
  for (let i = 0; i < fields.length; i++) {
    const at = fields.start + 4 * i;
    topLevelNodes.push(countNodes(fb, at + fb.u32(at), 0));
  }
  const check = (block: Block, kind: number, label: string) => {
    const end = block.offset + block.metaDataLength + block.bodyLength;
    if (!(block.offset >= 8 && block.metaDataLength > 0 && block.bodyLength >= 0 && end <= footerStart)) {
      throw new Error(`${label} lies outside the file`);
    }
    let metaStart = block.offset;
    let metaLength = whole.i32(metaStart);
    metaStart += 4;
    if (metaLength === -1) {
      metaLength = whole.i32(metaStart); // continuation marker, then the length
      metaStart += 4;
    }
    if (!(metaLength > 0 && metaStart + metaLength <= block.offset + block.metaDataLength)) {
      throw new Error(`${label} has an impossible metadata length`);
    }
    const message = new FlatBuffer(bytes.subarray(metaStart, metaStart + metaLength));
    const root = message.root();
    const headerType = message.scalar(root, 1, message.u8);
    if (headerType !== kind) throw new Error(`${label} is not the kind of message the footer says`);
    const bodyLength = message.scalar(root, 3, message.i64);
    message.vector(root, 4, 4); // custom metadata
    if (bodyLength !== block.bodyLength) throw new Error(`${label} disagrees with the footer about its size`);
    const header = message.table(root, 2);
    if (kind === MESSAGE_HEADER_RECORD_BATCH) {
      checkRecordBatch(message, header, bodyLength, topLevelNodes, label);
    } else {
      if (header === 0) throw new Error(`${label} has no header`);
      checkRecordBatch(message, message.table(header, 1), bodyLength, null, label);
    }
  };
  readBlocks(fb, footer, 2).forEach((block, i) => check(block, MESSAGE_HEADER_DICTIONARY_BATCH, `dictionary batch ${i + 1}`));
  readBlocks(fb, footer, 3).forEach((block, i) => check(block, MESSAGE_HEADER_RECORD_BATCH, `record batch ${i + 1}`));
}
