import { formatDate, formatTable, plural, toJson, truncate } from '../output.js';
import { withBoard, wantsJson, type RunCommand } from '../command.js';
import { pinMetaJson } from '../metaJson.js';

/** When every candidate was skipped, the board is not empty: say so, and point at the warnings. */
function noReadableMatch(query: string | undefined, skipped: number): string {
  const what = query ? `No readable pin matches '${query}'` : 'No readable pins on this board';
  const its = skipped === 1 ? 'its metadata' : 'their metadata';
  return `${what} (${plural(skipped, 'pin')} skipped: ${its} could not be read; see the ${skipped === 1 ? 'warning' : 'warnings'} above).`;
}

export const run: RunCommand = async (args, context) => {
  const query = args.positionals[0];
  let skipped = 0;
  const metas = await withBoard(args, context, 'search', 'read', (board) =>
    board.search(query, {
      // A pin with damaged metadata should not hide the others, but the user should know.
      onUnreadable: (name, error) => {
        skipped += 1;
        context.output.err(`Warning: skipped pin '${name}': ${error.message}`);
      },
    }),
  );
  if (wantsJson(args)) {
    context.output.out(toJson(metas.map(pinMetaJson)));
    return;
  }
  if (metas.length === 0) {
    context.output.err(skipped > 0 ? noReadableMatch(query, skipped) : query ? `No pin matches '${query}'.` : 'No pins on this board yet.');
    return;
  }
  const rows = metas.map((m) => [m.name, m.type, formatDate(m.created), truncate(m.title ?? '-', 60)]);
  context.output.out(formatTable(['NAME', 'TYPE', 'CREATED', 'TITLE'], rows));
};
