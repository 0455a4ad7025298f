import { describe, expect, it } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, notModified, PublishedAnswers, serialised } from './published-answers.js';

const answer = (json: string) => ({ json, size: json.length });

describe('answers kept per release', () => {
  it('serves an answer only under its own release and key', () => {
    const answers = new PublishedAnswers<{ json: string; size: number }>(1_000);
    answers.set('r1', 'table|a|all', answer('all'));
    answers.set('r1', 'table|a|org-1', answer('org-1'));
    expect(answers.get('r1', 'table|a|all')?.json).toBe('all');
    expect(answers.get('r1', 'table|a|org-1')?.json).toBe('org-1');
    expect(answers.get('r1', 'table|a|org-2')).toBeUndefined();
    expect(answers.get('r2', 'table|a|all')).toBeUndefined();
  });

  it('drops every answer of an older release when a newer one is kept', () => {
    const answers = new PublishedAnswers<{ json: string; size: number }>(1_000);
    answers.set('r1', 'x', answer('old'));
    answers.set('r2', 'y', answer('new'));
    expect(answers.get('r1', 'x')).toBeUndefined();
    expect(answers.stats).toEqual({ entries: 1, bytes: 3 });
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const answers = new PublishedAnswers<{ json: string; size: number }>(10);
    answers.set('r', 'a', answer('aaaa'));
    answers.set('r', 'b', answer('bbbb'));
    answers.get('r', 'a');
    answers.set('r', 'c', answer('cccc'));
    expect(answers.get('r', 'b')).toBeUndefined();
    expect(answers.get('r', 'a')?.json).toBe('aaaa');
    expect(answers.get('r', 'c')?.json).toBe('cccc');
    expect(answers.stats).toEqual({ entries: 2, bytes: 8 });
    answers.set('r', 'd', answer('d'.repeat(11)));
    expect(answers.get('r', 'd')).toBeUndefined();
  });
});

describe('serialised answers', () => {
  it('keeps the JSON bytes, a gzipped copy of larger answers, and a tag for each', () => {
    const value = { figures: Array.from({ length: 200 }, (_, index) => ({ key: [`2025-${index}`], display: '<11' })) };
    const answer = serialised(value);
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual(value);
    expect(JSON.parse(gunzipSync(answer.gzip!.body).toString('utf8'))).toEqual(value);
    expect(answer.gzip!.etag).not.toBe(answer.etag);
    expect(answer.size).toBe(answer.body.length + answer.gzip!.body.length);
    // Small answers, and answers built for one request, are not compressed.
    expect(serialised({ a: 1 }).gzip).toBeUndefined();
    expect(serialised(value, false).gzip).toBeUndefined();
  });

  it('reads Accept-Encoding and If-None-Match as HTTP defines them', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0, identity')).toBe(false);
    expect(acceptsGzip('deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    const answer = serialised({ figures: 'x'.repeat(2_000) });
    expect(notModified(answer.etag, answer)).toBe(true);
    expect(notModified(`"other", W/${answer.gzip!.etag}`, answer)).toBe(true);
    expect(notModified('*', answer)).toBe(true);
    expect(notModified('"other"', answer)).toBe(false);
    expect(notModified(undefined, answer)).toBe(false);
  });
});
