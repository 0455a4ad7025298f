import { describe, expect, it } from '@jest/globals';
import { BadRequestError } from '../../core/errors/problem.js';
import { lastMonthOf, periodOfMonth, periodRange } from './statistics-publisher.js';

const today = new Date('2026-11-28T10:00:00Z');

describe('periods of a request', () => {
  it('names periods and their last months', () => {
    expect(['2026-01', '2026-03', '2026-04', '2026-12'].map((month) => periodOfMonth(month, 'quarter'))).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q4',
    ]);
    expect(periodOfMonth('2026-07', 'year')).toBe('2026');
    expect(['2026', '2026-Q3', '2026-05'].map(lastMonthOf)).toEqual(['2026-12', '2026-09', '2026-05']);
  });

  it('defaults to the last four quarters, twelve months or three years that have ended', () => {
    expect(periodRange({ granularity: 'quarter' }, today)).toEqual({
      from: '2025-10',
      to: '2026-09',
      granularity: 'quarter',
      periods: ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'],
    });
    expect(periodRange({ granularity: 'month' }, today).periods).toEqual([
      '2025-11',
      '2025-12',
      ...Array.from({ length: 10 }, (_, index) => `2026-${String(index + 1).padStart(2, '0')}`),
    ]);
    expect(periodRange({ granularity: 'year' }, today).periods).toEqual(['2023', '2024', '2025']);
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
