import type { ServedModel } from './servedModel.js';

/** A model in use by one request; release it when the response is sent. */
export interface ModelLease {
  readonly model: ServedModel;
  release(): void;
}

interface Entry {
  model: ServedModel;
  inFlight: number;
  retired: boolean;
}

/**
 * The served version, switchable while requests are in flight: a request keeps the version it
 * started with, new requests get the new one, and the old session is released only after its
 * last request has finished. No request is dropped or answered by a disposed session.
 */
export class ModelSlot {
  #entry: Entry;
  readonly #drained = new Map<Entry, () => void>();

  constructor(model: ServedModel) {
    this.#entry = { model, inFlight: 0, retired: false };
  }

  get current(): ServedModel {
    return this.#entry.model;
  }

  acquire(): ModelLease {
    const entry = this.#entry;
    entry.inFlight += 1;
    let released = false;
    return {
      model: entry.model,
      release: () => {
        if (released) return;
        released = true;
        entry.inFlight -= 1;
        if (entry.retired && entry.inFlight === 0) this.#drained.get(entry)?.();
      },
    };
  }

  /** Serves `model` from now on; resolves with the previous one once its requests are done (and disposed). */
  async switchTo(model: ServedModel): Promise<ServedModel> {
    const previous = this.#entry;
    this.#entry = { model, inFlight: 0, retired: false };
    previous.retired = true;
    if (previous.inFlight > 0) {
      await new Promise<void>((resolve) => this.#drained.set(previous, resolve));
      this.#drained.delete(previous);
    }
    await previous.model.session.dispose();
    return previous.model;
  }

  /** Releases the current session (server shutdown). */
  async dispose(): Promise<void> {
    await this.#entry.model.session.dispose();
  }
}
