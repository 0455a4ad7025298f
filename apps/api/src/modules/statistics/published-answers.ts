import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * A JSON answer ready to send: its bytes and their entity tag, and, for answers kept
 * for many readers, the same bytes gzipped with their own tag — all computed once rather
 * than on every request, so serving one is a lookup and a socket write.
 */
export interface SerialisedAnswer {
  body: Buffer;
  etag: string;
  gzip?: { body: Buffer; etag: string };
  /** Bytes held (both forms), for the bound on kept answers. */
  size: number;
}

/** Below this, gzip saves less than its headers cost. */
const COMPRESS_FROM_BYTES = 1_024;

export function serialised(value: unknown, compress = true): SerialisedAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const hash = createHash('sha1').update(body).digest('base64url');
  const gzip =
    compress && body.length >= COMPRESS_FROM_BYTES ? { body: gzipSync(body), etag: `"${hash}-gzip"` } : undefined;
  return { body, etag: `"${hash}"`, gzip, size: body.length + (gzip?.body.length ?? 0) };
}

/** Whether an Accept-Encoding header accepts gzip (named, or `*`, without q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const entry of header.split(',')) {
    const [coding, ...parameters] = entry.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const quality = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  }
  return false;
}

/** Whether an If-None-Match header names one of the entity tags (either form of the same answer). */
export function notModified(header: string | undefined, answer: SerialisedAnswer): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.includes(answer.etag) || (answer.gzip !== undefined && tags.includes(answer.gzip.etag));
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
