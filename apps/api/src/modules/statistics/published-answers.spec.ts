import { describe, expect, it } from '@jest/globals';
import { PublishedAnswers } from './published-answers.js';

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
