/** A board shown in the Boards view: from the `pinwheel.boards` setting, found in the workspace, or the demo. */
export interface BoardEntry {
  /** Stable id: the board folder's absolute path. */
  id: string;
  name: string;
  /** Absolute path of the board folder. */
  folder: string;
  source: 'setting' | 'discovered' | 'demo';
  /** The `uri` exactly as written in the setting (for Remove Board). */
  settingUri?: string;
}
