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
 * Collects log lines and writes them in chunks: at most every 100 ms, or sooner when 64 KiB
 * are waiting. A write per request (a system call each) would cost more than the prediction.
 */
export class BufferedLineWriter {
  #pending: string[] = [];
  #size = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: Pick<Writable, 'write'>, private readonly intervalMs = 100) {}

  write(line: string): void {
    this.#pending.push(line);
    this.#size += line.length + 1;
    if (this.#size >= 64 * 1024) this.flush();
    else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.intervalMs);
      // Pending log lines alone must not keep a stopping process alive: close() flushes them.
      this.#timer.unref();
    }
  }

  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const chunk = `${this.#pending.join('\n')}\n`;
    this.#pending = [];
    this.#size = 0;
    this.stream.write(chunk);
  }
}

export type LogSink = (line: RequestLogLine) => void;

/** The same JSON as JSON.stringify(line), built by hand: this runs for every request. */
export function formatLogLine(line: RequestLogLine): string {
  const rows = line.rows === undefined ? '' : `,"rows":${line.rows}`;
  return `{"time":"${line.time}","method":"${line.method}","path":${JSON.stringify(line.path)},"status":${line.status},"ms":${line.ms}${rows},` +
    `"model":${JSON.stringify(line.model)},"version":${JSON.stringify(line.version)},"id":${JSON.stringify(line.id)}}`;
}

export function jsonLinesSink(writer: BufferedLineWriter): LogSink {
  return (line) => writer.write(formatLogLine(line));
}
