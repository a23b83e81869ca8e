// The last lines a server printed, kept in memory so a crash can be explained without reading the
// Output channel back (VS Code offers no way to).

export class RecentLines {
  #lines: string[] = [];
  #next = 0;

  constructor(private readonly capacity = 200) {}

  push(line: string): void {
    if (this.#lines.length < this.capacity) this.#lines.push(line);
    else this.#lines[this.#next] = line;
    this.#next = (this.#next + 1) % this.capacity;
  }

  /** The last `count` lines, oldest first. */
  last(count = this.capacity): string[] {
    const ordered = this.#lines.length < this.capacity ? this.#lines : [...this.#lines.slice(this.#next), ...this.#lines.slice(0, this.#next)];
    return ordered.slice(Math.max(0, ordered.length - count));
  }
}
