// Error notifications about a server process that ended or failed to start: what happened, then as
// many of its last log lines as fit. VS Code cuts a notification at 1,000 characters, and a toast
// taller than the room left for toasts is not shown at all (it only reaches the notification
// centre), so the lines get a budget; the whole log is one click away (Show Log).

const LINE_BUDGET = 300;
const MAX_LINE = 120;

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** The newest non-empty lines that fit the budget, oldest first. */
export function linesThatFit(lines: readonly string[], budget = LINE_BUDGET): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines.filter((candidate) => candidate.trim() !== '').reverse().map(clip)) {
    if (used + line.length + 1 > budget) break;
    kept.unshift(line);
    used += line.length + 1;
  }
  return kept;
}

/** `head`, then " Its last log lines:" and those that fit; just `head` when there are none. */
export function withLastLines(head: string, lines: readonly string[]): string {
  const shown = linesThatFit(lines);
  return shown.length === 0 ? head : `${head} Its last log lines:\n${shown.join('\n')}`;
}

export function crashMessage(served: string, exit: string, lines: readonly string[]): string {
  const head = `The predict server for ${served} stopped unexpectedly (${exit}).`;
  const message = withLastLines(head, lines);
  return message === head ? `${head} It printed nothing; Show Log has the server's output.` : message;
}
