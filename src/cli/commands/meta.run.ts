import type { PinMeta } from '../../core/pins/index.js';
import { formatBytes, formatDate, toJson } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type RunCommand } from '../command.js';
import { pinMetaJson } from '../metaJson.js';

function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '-' : value;
}

function humanMeta(meta: PinMeta): string {
  const files = meta.files.map((file, i) => {
    const size = meta.fileSizes[i];
    return size === undefined ? file : `${file} (${formatBytes(size)})`;
  });
  const fields: [string, string][] = [
    ['name', meta.name],
    ['version', meta.version],
    ['title', orDash(meta.title)],
    ['description', orDash(meta.description)],
    ['type', meta.types.length > 1 ? meta.types.join(', ') : meta.type],
    ['created', meta.created ? formatDate(meta.created) : orDash(meta.createdText)],
    ['files', files.length > 0 ? files.join(', ') : '-'],
    ['pin_hash', orDash(meta.pinHash)],
    ['api_version', String(meta.apiVersion)],
    ['tags', meta.tags && meta.tags.length > 0 ? meta.tags.join(', ') : '-'],
    ['urls', meta.urls && meta.urls.length > 0 ? meta.urls.join(', ') : '-'],
  ];
  const width = Math.max(...fields.map(([key]) => key.length));
  const lines = fields.map(([key, value]) => `${key.padEnd(width)}  ${value}`);
  const user = Object.keys(meta.user).length === 0 ? '{}' : toJson(meta.user).replace(/\n/g, `\n${' '.repeat(width + 2)}`);
  lines.push(`${'user'.padEnd(width)}  ${user}`);
  return lines.join('\n');
}

export const run: RunCommand = async (args, context) => {
  const name = pinNameArg(args);
  const meta = await withBoard(args, context, 'meta', 'read', (board) => board.meta(name, stringFlag(args, 'version')));
  context.output.out(wantsJson(args) ? toJson(pinMetaJson(meta)) : humanMeta(meta));
};
