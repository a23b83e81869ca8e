import type { Writable } from 'node:stream';

/** One request, as one JSON line (easy to grep, jq, or ship to a log system). */
export interface RequestLogLine {
  time: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  /** Rows predicted, for prediction requests. */
  rows?: number;
  model: string;
  version: string;
  id: string;
}

/**
 * Collects log lines and writes them in one chunk per event-loop turn: a synchronous write per
 * request would cost more than a prediction.
 */
export class BufferedLineWriter {
  #pending: string[] = [];
  #scheduled = false;

  constructor(private readonly stream: Pick<Writable, 'write'>) {}

  write(line: string): void {
    this.#pending.push(line);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const chunk = `${this.#pending.join('\n')}\n`;
    this.#pending = [];
    this.stream.write(chunk);
  }
}

export type LogSink = (line: RequestLogLine) => void;

export function jsonLinesSink(writer: BufferedLineWriter): LogSink {
  return (line) => writer.write(JSON.stringify(line));
}
