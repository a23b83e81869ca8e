// Every pin of a board with its latest metadata and kind, for the quick picks that offer pins
// (models to serve, data pins to take a prototype from). Unreadable pins come back with nulls.
import type { Board, PinMeta } from '../../core/pins/index.js';
import type { PinKindInfo } from '../../core/vetiver/pinKind.js';

export interface PinWithKind {
  name: string;
  meta: PinMeta | null;
  kind: PinKindInfo | null;
}

export async function pinsWithKinds(board: Board): Promise<PinWithKind[]> {
  const [{ pinKindOf }, names] = await Promise.all([import('../../core/vetiver/pinKind.js'), board.list()]);
  return Promise.all(
    names.map(async (name) => {
      const meta = await board.meta(name).catch(() => null);
      return { name, meta, kind: meta ? pinKindOf(meta) : null };
    }),
  );
}
