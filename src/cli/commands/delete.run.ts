import { plural, toJson } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type RunCommand } from '../command.js';

export const run: RunCommand = async (args, context) => {
  const name = pinNameArg(args);
  const version = stringFlag(args, 'version');
  const deleted = await withBoard(args, context, 'delete', 'change', async (board) => {
    if (version !== undefined) {
      // deleteVersion checks that the version exists; it never reads data.txt, so a damaged
      // version (data.txt missing, empty or corrupt) can still be deleted.
      await board.deleteVersion(name, version);
      return [version];
    }
    // versions() lists folder names only, so a pin whose latest version is damaged can be deleted too.
    const versions = (await board.versions(name)).map((v) => v.version);
    await board.deletePin(name);
    return versions;
  });
  if (wantsJson(args)) {
    context.output.out(toJson({ name, deleted: version === undefined ? 'pin' : 'version', versions: deleted }));
  } else if (version !== undefined) {
    context.output.out(`Deleted version ${version} of pin '${name}'.`);
  } else {
    context.output.out(`Deleted pin '${name}' (${plural(deleted.length, 'version')}).`);
  }
};
