/** Counts, and when they were counted (the projection as it was then). */
export interface Counted<T> {
  value: T;
  countedAt: Date;
}

export interface CountsCacheOptions {
  /**
   * How old counts of an earlier version of the projection may be when served while they
   * are counted again; 0 = never served, every change is counted before answering.
   */
  maxStaleMs: number;
  /** How long a request waits for the recount before it is given the older counts. */
  graceMs: number;
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  /** The latest counts, of `version`. */
  counted?: { version: string; countedAt: number; value: unknown };
  /** How long the latest count took: a request waits for a recount only if it should be quick. */
  tookMs: number;
  /** The count running now for this key, with the version it counts. */
  running?: { version: string; promise: Promise<Counted<unknown>> };
}

/**
 * Counts kept per request and version of the projection (stats.projection_state, raised
 * by every change on any replica). Counts of the current version are exact and reused
 * for as long as the projection stays as it is. When it has changed, the counts are
 * taken again — one count per request at a time — and, while that runs, counts of an
 * earlier version no older than `maxStaleMs` are served with the time they were counted,
 * so that a busy projection (registrations all day) does not make every dashboard wait
 * for seconds of counting. Older ones are never served: the request waits for the count.
 */
export class CountsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: CountsCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async get<T>(key: string, version: string, count: () => Promise<T>, acceptStale = true): Promise<Counted<T>> {
    const entry = this.entryOf(key);
    const counted = entry.counted;
    if (counted && counted.version === version) return copy(counted);
    const servable = acceptStale && counted !== undefined && this.now() - counted.countedAt <= this.options.maxStaleMs;
    if (!servable) return copy(await this.recount(key, entry, version, count));
    // Counts of an earlier version, still within the bound: count again (unless a count is
    // already running), wait for it only briefly, and serve what is newest. Such recounts
    // run one at a time, so a projection changing all day keeps one count running, not
    // one per table at once.
    const recount = entry.running ? entry.running.promise : this.recount(key, entry, version, () => this.inBackground(count));
    recount.catch(() => undefined);
    if (entry.tookMs <= this.options.graceMs) {
      const fresh = await Promise.race([recount.catch(() => undefined), delay(this.options.graceMs)]);
      if (fresh) return copy(fresh as Counted<T>);
    }
    return copy(entry.counted ?? counted);
  }

  private background: Promise<unknown> = Promise.resolve();

  private inBackground<T>(count: () => Promise<T>): Promise<T> {
    const turn = this.background.then(count, count);
    this.background = turn.catch(() => undefined);
    return turn;
  }

  private recount<T>(key: string, entry: Entry, version: string, count: () => Promise<T>): Promise<Counted<T>> {
    if (entry.running?.version === version) return entry.running.promise as Promise<Counted<T>>;
    const startedAt = this.now();
    const promise = count().then((value) => {
      const result = { version, countedAt: startedAt, value };
      entry.tookMs = this.now() - startedAt;
      // A count started earlier never replaces one of a later start.
      if (!entry.counted || entry.counted.countedAt <= startedAt) entry.counted = result;
      return { value, countedAt: new Date(startedAt) };
    });
    entry.running = { version, promise };
    const settle = () => {
      if (entry.running?.promise === promise) entry.running = undefined;
    };
    promise.then(settle, settle);
    this.entries.delete(key);
    this.entries.set(key, entry);
    return promise;
  }

  private entryOf(key: string): Entry {
    let entry = this.entries.get(key);
    if (entry) {
      // Most recently used last: the first is the one to drop.
      this.entries.delete(key);
    } else {
      entry = { tookMs: 0 };
    }
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

function copy<T>(counted: { countedAt: number | Date; value: unknown }): Counted<T> {
  return { value: structuredClone(counted.value) as T, countedAt: new Date(counted.countedAt) };
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
