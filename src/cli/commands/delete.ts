import { plural, toJson } from '../output.js';
import { pinNameArg, stringFlag, withBoard, wantsJson, type Command } from '../command.js';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete one version of a pin, or the whole pin with all its versions',
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: { version: { type: 'string', value: 'V', example: '20220214T163720Z-9bfad', description: 'delete only this version (default: delete the whole pin)' } },
  jsonShape:
    '{"name": string, "deleted": "version"|"pin", "versions": [string] (the versions deleted)}',
  examples: [
    'pinwheel delete df_csv --version 20220214T163718Z-eceac --board ./my-board',
    'pinwheel delete df_csv --board ./my-board',
  ],
  async run(args, context) {
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
  },
};
