import { describe, expect, it } from '@jest/globals';
import { BadRequestError } from '../../core/errors/problem.js';
import { lastMonthOf, periodOfMonth, periodRange } from './statistics-publisher.js';

const today = new Date('2026-11-28T10:00:00Z');

describe('periods of a request', () => {
  it('names periods and their last months', () => {
    expect(['2026-01', '2026-03', '2026-04', '2026-12'].map((month) => periodOfMonth(month, 'quarter'))).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4']);
    expect(periodOfMonth('2026-07', 'year')).toBe('2026');
    expect(['2026', '2026-Q3', '2026-05'].map(lastMonthOf)).toEqual(['2026-12', '2026-09', '2026-05']);
  });

  it('defaults to the last four quarters, twelve months or three years', () => {
    expect(periodRange({ granularity: 'quarter' }, today)).toEqual({ from: '2026-01', to: '2026-12', granularity: 'quarter', periods: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'] });
    expect(periodRange({ granularity: 'month' }, today).periods).toHaveLength(12);
    expect(periodRange({ granularity: 'year' }, today).periods).toEqual(['2024', '2025', '2026']);
  });

  it('refuses bounds that cut a period, a reversed range, and more than 60 periods', () => {
    for (const query of [
      { from: '2026-02', to: '2026-06' },
      { from: '2026-01', to: '2026-05' },
      { from: '2026-04', to: '2026-03' },
      { from: '2000-01', to: '2026-12', granularity: 'month' as const },
    ]) {
      expect(() => periodRange({ granularity: 'quarter', ...query }, today)).toThrow(BadRequestError);
    }
  });
});
