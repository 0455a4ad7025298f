import { createHash } from 'node:crypto';

/** A JSON answer ready to send: its bytes and their entity tag, computed once rather than on every request. */
export interface SerialisedAnswer {
  body: Buffer;
  etag: string;
  size: number;
}

export function serialised(value: unknown): SerialisedAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, size: body.length };
}

/**
 * The answers already served from a release, ready to send (JSON text, CSV or XLSX
 * bytes), most recently used first. A release never changes once stored
 * (statistics-releases.service.ts copies closed periods into the next release rather
 * than editing one), so an answer built from it stays right for as long as that release
 * is the one in force: the key starts with the release's id, and the first answer of a
 * newer release drops every answer of older ones. The key also holds the published scope
 * the caller was allowed (StatisticsService.scopeOf runs before any lookup), so an answer
 * built for one scope is never served to another.
 *
 * Bounded by bytes, not entries: a five-year table by month is tens of kilobytes, an
 * indicator report by year a few hundred bytes (docs/benchmarks.md, "Statistics releases").
 */
export class PublishedAnswers<T extends { size: number }> {
  private readonly answers = new Map<string, T>();
  private bytes = 0;
  private release: string | undefined;

  constructor(private readonly maxBytes: number) {}

  /** The answer stored under this release and key, marked as the most recently used. */
  get(releaseId: string, key: string): T | undefined {
    const full = `${releaseId}|${key}`;
    const answer = this.answers.get(full);
    if (answer === undefined) return undefined;
    // A Map keeps insertion order: re-inserting moves the entry to the most recent end.
    this.answers.delete(full);
    this.answers.set(full, answer);
    return answer;
  }

  /** Keeps an answer; the least recently used go first when the bound is passed. */
  set(releaseId: string, key: string, answer: T): void {
    if (answer.size > this.maxBytes) return;
    if (releaseId !== this.release) {
      // A newer release is in force (or an older one answered late): answers of any other release are dropped.
      this.answers.clear();
      this.bytes = 0;
      this.release = releaseId;
    }
    const full = `${releaseId}|${key}`;
    const previous = this.answers.get(full);
    if (previous) {
      this.answers.delete(full);
      this.bytes -= previous.size;
    }
    this.answers.set(full, answer);
    this.bytes += answer.size;
    for (const [oldest, stored] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= stored.size;
    }
  }

  /** How many answers are kept, and their bytes (tests). */
  get stats(): { entries: number; bytes: number } {
    return { entries: this.answers.size, bytes: this.bytes };
  }
}
