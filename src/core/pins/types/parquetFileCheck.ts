// Consistency check of a Parquet file's metadata and page headers before hyparquet decodes it.
// hyparquet trusts the counts it reads: in a damaged file a garbled value count or run length
// makes it allocate and fill arrays of billions of entries (minutes, or out of memory). This
// cross-checks row counts (footer, row groups, column chunks, pages), page sizes against their
// column chunk, and the run lengths of the uncompressed definition/repetition levels of v2 data
// pages, and throws a plain Error naming the first inconsistency.
//
// Not covered (would need every page decompressed twice): level runs of v1 data pages and
// dictionary-index runs, which sit inside the compressed page data.
import type { FileMetaData, SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getSchemaPath } from 'hyparquet/src/schema.js';
import { readVarInt } from 'hyparquet/src/thrift.js';

const MAX_PAGE_BYTES = 2 ** 31 - 1;

function bitWidth(maxLevel: number): number {
  return 32 - Math.clz32(maxLevel);
}

/** RLE/bit-packed hybrid levels: every run must fit within the page's value count. */
function checkLevelRuns(bytes: Uint8Array, start: number, length: number, maxLevel: number, count: number, label: string): void {
  const width = bitWidth(maxLevel);
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset + start, length), offset: 0 };
  let seen = 0;
  while (seen < count) {
    if (reader.offset >= length) throw new Error(`${label}: its levels end before its ${count} values`);
    const header = readVarInt(reader);
    const runs = header >>> 1;
    if (header & 1) {
      seen += runs * 8; // bit-packed groups of 8 values
      reader.offset += runs * width;
    } else {
      if (seen + runs > count) throw new Error(`${label}: a level run of ${runs} values overflows its ${count} values`);
      seen += runs;
      reader.offset += (width + 7) >> 3;
    }
    if (reader.offset > length) throw new Error(`${label}: its levels run past their length`);
  }
}

function asNumber(value: bigint | number | undefined): number {
  return value === undefined ? 0 : Number(value);
}

/** Throws an Error naming the first structural problem; `file` is the whole Parquet file. */
export function checkParquetStructure(file: Uint8Array, metadata: FileMetaData): void {
  const schema: SchemaElement[] = metadata.schema;
  const dataEnd = file.length - 8 - metadata.metadata_length;
  const totalRows = asNumber(metadata.num_rows);
  const groupRows = metadata.row_groups.reduce((sum, group) => sum + asNumber(group.num_rows), 0);
  if (groupRows !== totalRows) throw new Error(`its row groups hold ${groupRows} rows, but its footer announces ${totalRows}`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  metadata.row_groups.forEach((group, groupIndex) => {
    const rows = asNumber(group.num_rows);
    for (const column of group.columns) {
      const meta = column.meta_data;
      if (!meta) throw new Error(`row group ${groupIndex + 1} has a column without metadata`);
      const name = meta.path_in_schema.join('.');
      const label = `column '${name}' in row group ${groupIndex + 1}`;
      const schemaPath = getSchemaPath(schema, meta.path_in_schema);
      const maxDefinition = getMaxDefinitionLevel(schemaPath);
      const maxRepetition = getMaxRepetitionLevel(schemaPath);
      const values = asNumber(meta.num_values);
      if (maxRepetition === 0 && values !== rows) throw new Error(`${label} holds ${values} values for ${rows} rows`);
      const dictionaryOffset = asNumber(meta.dictionary_page_offset);
      const start = dictionaryOffset > 0 ? Math.min(dictionaryOffset, asNumber(meta.data_page_offset)) : asNumber(meta.data_page_offset);
      const end = start + asNumber(meta.total_compressed_size);
      if (!(start >= 4 && end <= dataEnd)) throw new Error(`${label} lies outside the file`);
      const reader = { view, offset: start };
      let seen = 0;
      while (seen < values) {
        if (reader.offset >= end) throw new Error(`${label} ends after ${seen} of its ${values} values`);
        const page = parquetHeader(reader);
        const pageStart = reader.offset;
        const size = page.compressed_page_size;
        if (!(size >= 0 && pageStart + size <= end)) throw new Error(`${label} has a page that runs past its column chunk`);
        if (!(page.uncompressed_page_size >= 0 && page.uncompressed_page_size <= MAX_PAGE_BYTES)) {
          throw new Error(`${label} has a page with an impossible size`);
        }
        const dictionary = page.dictionary_page_header;
        if (dictionary && !(dictionary.num_values >= 0 && dictionary.num_values <= page.uncompressed_page_size * 8)) {
          throw new Error(`${label} has a dictionary with an impossible number of entries`);
        }
        const count = page.data_page_header?.num_values ?? page.data_page_header_v2?.num_values;
        if (count !== undefined) {
          if (!(count >= 0 && seen + count <= values)) throw new Error(`${label} has pages holding more than its ${values} values`);
          const v2 = page.data_page_header_v2;
          if (v2) {
            const repetitionBytes = v2.repetition_levels_byte_length;
            const definitionBytes = v2.definition_levels_byte_length;
            if (!(v2.num_nulls >= 0 && v2.num_nulls <= count && repetitionBytes >= 0 && definitionBytes >= 0 && repetitionBytes + definitionBytes <= size)) {
              throw new Error(`${label} has a data page with impossible level sizes`);
            }
            if (maxRepetition > 0) checkLevelRuns(file, pageStart, repetitionBytes, maxRepetition, count, label);
            if (maxDefinition > 0) checkLevelRuns(file, pageStart + repetitionBytes, definitionBytes, maxDefinition, count, label);
          }
          seen += count;
        }
        reader.offset = pageStart + size;
      }
    }
  });
}
