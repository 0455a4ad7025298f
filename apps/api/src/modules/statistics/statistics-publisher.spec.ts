import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PROTECTED_DISPLAY, PopulationBelowThresholdError, WITHHELD_DISPLAY } from '@haven/disclosure';
import { BadRequestError } from '../../core/errors/problem.js';
import { INDICATORS, tableDefinition } from './statistics-catalogue.js';
import { lastMonthOf, periodOfMonth, periodRange, publishCount, publishIndicators, publishPeriods, type PeriodCounts, type TableCounts } from './statistics-publisher.js';

const byStatus = tableDefinition('cases-by-status')!;
const controls = { k: 11, roundingBase: 5 };
const today = new Date('2026-11-28T10:00:00Z');

const counts = (periods: Record<string, [active: number, followUp: number, closed: number, organisations?: number[]]>): TableCounts => {
  const map = new Map<string, PeriodCounts>();
  let population = 0;
  for (const [period, [active, followUp, closed, organisations]] of Object.entries(periods)) {
    const people = active + followUp + closed;
    population += people;
    map.set(period, {
      cells: [
        { key: ['Active'], count: active },
        { key: ['FollowUp'], count: followUp },
        { key: ['Closed'], count: closed },
      ],
      population: people,
      organisations: organisations ?? [people],
    });
  }
  return { periods: map, population };
};

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

describe('publishing period by period', () => {
  it('publishes every period on its own, without totals across periods', () => {
    const range = periodRange({ from: '2026-01', to: '2026-06', granularity: 'quarter' }, today);
    const published = publishPeriods(byStatus, range, counts({ '2026-Q1': [25, 12, 3], '2026-Q2': [30, 0, 0] }), controls);
    expect([...published.cells, ...published.totals].every((figure) => figure.key[0] !== null)).toBe(true);
    const q1 = published.cells.filter((cell) => cell.key[0] === '2026-Q1').map((cell) => cell.display);
    // 3 Closed is a small group. Paired with 12 FollowUp (which must stay at 11 or more) it could only be 1…4;
    // paired with 25 Active, any of 1…10. So 25 is hidden with it, or the period total would give it away.
    expect(q1).toEqual([PROTECTED_DISPLAY, '10', '<11', '0']);
    expect(published.population.map((figure) => figure.display)).toEqual(['40', '30']);
  });

  it('gives a period the same figures whatever range it is asked in (property)', () => {
    const period = fc.tuple(fc.nat(40), fc.nat(40), fc.nat(15));
    fc.assert(
      fc.property(fc.array(period, { minLength: 2, maxLength: 6 }), fc.nat(), (values, cut) => {
        const all = Object.fromEntries(values.map((value, index) => [`2025-${String(index + 1).padStart(2, '0')}`, value]));
        const last = (cut % (values.length - 1)) + 1;
        const shorter = Object.fromEntries(Object.entries(all).slice(0, last));
        const publish = (periods: typeof all) => {
          const months = Object.keys(periods);
          try {
            return publishPeriods(byStatus, periodRange({ from: months[0], to: months.at(-1), granularity: 'month' }, today), counts(periods), controls);
          } catch (error) {
            if (error instanceof PopulationBelowThresholdError) return null;
            throw error;
          }
        };
        const [long, short] = [publish(all), publish(shorter)];
        if (!long || !short) return;
        for (const month of Object.keys(shorter)) {
          const of = (published: NonNullable<typeof long>) => [...published.cells, ...published.totals, ...published.population].filter((figure) => figure.key[0] === month);
          expect(of(long)).toEqual(of(short));
        }
      }),
    );
  });

  it('withholds a period with too few people, or too few from one organisation', () => {
    const range = periodRange({ from: '2026-01', to: '2026-09', granularity: 'quarter' }, today);
    const published = publishPeriods(byStatus, range, counts({ '2026-Q1': [25, 12, 3, [39, 1]], '2026-Q2': [30, 0, 0, [30]], '2026-Q3': [1, 0, 0] }), controls);
    expect(published.withheldPeriods).toEqual(['2026-Q1', '2026-Q3']);
    const q1 = [...published.cells, ...published.totals, ...published.population].filter((figure) => figure.key[0] === '2026-Q1');
    expect(q1.every((figure) => figure.suppressed && figure.display === WITHHELD_DISPLAY && figure.value === null)).toBe(true);
    expect(q1.filter((figure) => 'percentage' in figure).every((figure) => figure.percentage === null)).toBe(true);
  });

  it('withholds a period whose table cannot be protected, and publishes the others', () => {
    // k = 5: in 2026-Q1 a row of four 1s whose total (4) is small: they are all 1 whatever is hidden.
    const region = { dimension: 'region', values: ['North', 'South'] };
    const assistance = { dimension: 'assistanceType', values: ['medical', 'legal', 'shelter', 'return'] };
    const definition = { ...byStatus, dimensions: [region, assistance], percentages: null } as unknown as typeof byStatus;
    const cellsOf = (north: number) => assistance.values.flatMap((type) => [{ key: ['North', type], count: north }, { key: ['South', type], count: 9 }]);
    const range = periodRange({ from: '2026-01', to: '2026-06', granularity: 'quarter' }, today);
    const periods = new Map<string, PeriodCounts>([
      ['2026-Q1', { cells: cellsOf(1), population: 40, organisations: [40] }],
      ['2026-Q2', { cells: cellsOf(2), population: 44, organisations: [44] }],
    ]);
    const published = publishPeriods(definition, range, { periods, population: 84 }, { k: 5, roundingBase: 1 });
    expect(published.withheldPeriods).toEqual(['2026-Q1']);
    const inPeriod = (period: string) => [...published.cells, ...published.totals, ...published.population].filter((figure) => figure.key[0] === period);
    expect(inPeriod('2026-Q1').every((figure) => figure.display === WITHHELD_DISPLAY)).toBe(true);
    // Four 2s adding up to 8 (5 or more, so shown [c]): each could be 1, 2, 3 or 4.
    expect(inPeriod('2026-Q2').filter((figure) => figure.display === '<5').map((figure) => figure.key[2])).toEqual(assistance.values);
    expect(published.totals.find((total) => total.key.join() === '2026-Q2,North,')).toMatchObject({ display: PROTECTED_DISPLAY });
  });

  it('refuses a whole selection of 1 to k−1 people, and lets an empty one through', () => {
    const range = periodRange({ from: '2026-01', to: '2026-06', granularity: 'quarter' }, today);
    expect(() => publishPeriods(byStatus, range, counts({ '2026-Q1': [4, 3, 0] }), controls)).toThrow(PopulationBelowThresholdError);
    expect(publishPeriods(byStatus, range, counts({}), controls).cells.every((cell) => cell.value === 0)).toBe(true);
  });

  it('adds noise with differential privacy, still hiding small counts and rounding', () => {
    const range = periodRange({ from: '2026-01', to: '2026-03', granularity: 'quarter' }, today);
    let state = 1;
    const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
    const published = publishPeriods(byStatus, range, counts({ '2026-Q1': [200, 120, 3] }), { ...controls, noise: { epsilonOf: () => 1, random } });
    for (const figure of [...published.cells, ...published.totals, ...published.population]) {
      if (figure.value !== null) expect(figure.value === 0 || (figure.value >= 11 && figure.value % 5 === 0)).toBe(true);
    }
  });

  it('publishes one count through the same controls', () => {
    expect(publishCount(['2026-Q1'], 7, controls)).toEqual({ key: ['2026-Q1'], value: null, display: '<11', suppressed: true });
    expect(publishCount(['2026-Q1'], 13, controls)).toEqual({ key: ['2026-Q1'], value: 15, display: '15', suppressed: false });
    expect(publishCount(['2026-Q1'], 0, controls)).toMatchObject({ value: 0 });
  });

  it('publishes indicators period by period, withholding where an organisation is too small', () => {
    const range = periodRange({ from: '2026-01', to: '2026-06', granularity: 'quarter' }, today);
    const values = new Map([
      ['migrants-protected-or-assisted', new Map<string, PeriodCounts>([
        ['2026-Q1', { cells: [], population: 33, organisations: [33] }],
        ['2026-Q2', { cells: [], population: 13, organisations: [12, 1] }],
      ])],
    ]);
    const published = publishIndicators(INDICATORS, range, { values, population: 46 }, controls);
    expect(published.indicators[0]!.values.map((figure) => figure.display)).toEqual(['35', WITHHELD_DISPLAY]);
    expect(published.indicators[1]!.values.map((figure) => figure.display)).toEqual(['0', '0']);
    expect(published.withheldPeriods).toEqual(['2026-Q2']);
  });
});
