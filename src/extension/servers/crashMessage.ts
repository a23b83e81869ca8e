// The error notification for a server that died: what happened, then as many of its last log lines
// as fit. VS Code cuts a notification at 1,000 characters, and a toast taller than the room left
// for toasts is not shown at all (it only reaches the notification centre), so the lines get a
// budget; the whole log is one click away (Show Log).

const LINE_BUDGET = 300;
const MAX_LINE = 120;

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** The newest lines that fit the budget, oldest first. */
export function linesThatFit(lines: readonly string[], budget = LINE_BUDGET): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of [...lines].reverse().map(clip)) {
    if (used + line.length + 1 > budget) break;
    kept.unshift(line);
    used += line.length + 1;
  }
  return kept;
}

export function crashMessage(served: string, exit: string, lines: readonly string[]): string {
  const shown = linesThatFit(lines.filter((line) => line.trim() !== ''));
  const head = `The predict server for ${served} stopped unexpectedly (${exit}).`;
  return shown.length === 0 ? `${head} It printed nothing; Show Log has the server's output.` : `${head} Its last log lines:\n${shown.join('\n')}`;
}
