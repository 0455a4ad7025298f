import { describe, expect, it } from '@jest/globals';
import { DisclosureConfigError } from './errors.js';
import {
  CTDC_AGE_BANDS,
  classSizes,
  kAnonymise,
  majorityStatusOf,
  widerAgeBandOf,
  type QuasiIdentifier,
} from './k-anonymity.js';

const AGE: QuasiIdentifier = {
  name: 'age',
  fields: ['age'],
  label: 'age band',
  steps: [
    { label: 'wider age band', apply: ([band]) => [widerAgeBandOf(band!)] },
    { label: 'not published', apply: () => [''] },
  ],
};
const CITIZENSHIP: QuasiIdentifier = {
  name: 'citizenship',
  fields: ['citizenship'],
  label: 'country',
  steps: [
    { label: 'region', apply: ([country]) => [country === 'NG' || country === 'GH' ? 'Western Africa' : 'Other'] },
    { label: 'not published', apply: () => [''] },
  ],
};

const FLAG: QuasiIdentifier = {
  name: 'flag',
  fields: ['flag'],
  label: 'type',
  steps: [{ label: 'not published', apply: () => [''] }],
};

const many = (count: number, record: Record<string, string>) => Array.from({ length: count }, () => ({ ...record }));

describe('k-anonymity', () => {
  it('publishes the hub age bands, their wider bands and majority status', () => {
    expect(CTDC_AGE_BANDS).toEqual(['0-8', '9-17', '18-20', '21-23', '24-26', '27-29', '30-38', '39-47', '48+']);
    expect(CTDC_AGE_BANDS.map(widerAgeBandOf)).toEqual([
      '0-17',
      '0-17',
      ...Array(4).fill('18-29'),
      '30+',
      '30+',
      '30+',
    ]);
    expect([majorityStatusOf('9-17'), majorityStatusOf('18-20'), majorityStatusOf('unknown')]).toEqual([
      'Minor',
      'Adult',
      '',
    ]);
  });

  it('leaves records alone when every class already holds k', () => {
    const records = [...many(11, { age: '24-26', citizenship: 'NG' }), ...many(12, { age: '9-17', citizenship: 'GH' })];
    const { records: out, report } = kAnonymise(records, [AGE, CITIZENSHIP], { k: 11 });
    expect(out).toEqual(records);
    expect(report).toMatchObject({ recordsIn: 23, recordsOut: 23, suppressed: 0, classesSuppressed: 0 });
    expect(report.generalisation.map((applied) => applied.level)).toEqual([0, 0]);
  });

  it('generalises the field whose step helps most, then suppresses what is still rare', () => {
    const records = [
      ...many(6, { age: '24-26', citizenship: 'NG', extra: 'a' }),
      ...many(6, { age: '24-26', citizenship: 'GH', extra: 'b' }),
      ...many(20, { age: '9-17', citizenship: 'NG', extra: 'c' }),
      { age: '48+', citizenship: 'FR', extra: 'd' },
    ];
    const { records: out, report } = kAnonymise(records, [AGE, CITIZENSHIP], { k: 11, maxSuppressedShare: 0.05 });
    // Citizenship to region joins NG and GH (12 records); widening age would leave them split.
    expect(report.generalisation).toEqual([
      { quasiIdentifier: 'age', fields: ['age'], level: 0, published: 'age band' },
      { quasiIdentifier: 'citizenship', fields: ['citizenship'], level: 1, published: 'region' },
    ]);
    expect(report).toMatchObject({ recordsIn: 33, recordsOut: 32, suppressed: 1, classesSuppressed: 1 });
    expect(out.map((record) => record.extra)).not.toContain('d');
    expect(out.filter((record) => record.citizenship === 'Western Africa')).toHaveLength(32);
    for (const size of classSizes(out, ['age', 'citizenship']).values()) expect(size).toBeGreaterThanOrEqual(11);
  });

  it('climbs every ladder to the top before suppressing more than the allowed share, and is deterministic', () => {
    const records = CTDC_AGE_BANDS.flatMap((age, index) =>
      many(2, { age, citizenship: ['NG', 'GH', 'FR', 'VN'][index % 4]! }),
    );
    const first = kAnonymise(records, [AGE, CITIZENSHIP], { k: 11, maxSuppressedShare: 0 });
    expect(first).toEqual(kAnonymise(records, [AGE, CITIZENSHIP], { k: 11, maxSuppressedShare: 0 }));
    for (const size of classSizes(first.records, ['age', 'citizenship']).values())
      expect(size).toBeGreaterThanOrEqual(11);
    expect(first.report.suppressed).toBe(records.length - first.records.length);
    // 18 records: no generalisation short of publishing nothing makes every class 11.
    expect(first.report.generalisation.map((applied) => applied.level)).toEqual([2, 2]);
    expect(first.records).toHaveLength(18);
  });

  it('suppresses everything rather than publish a class smaller than k', () => {
    const { records, report } = kAnonymise(many(5, { age: '24-26', citizenship: 'NG' }), [AGE, CITIZENSHIP], {
      k: 11,
    });
    expect(records).toEqual([]);
    expect(report.suppressed).toBe(5);
  });

  it('refuses a k below the minimum, a share outside 0–1 and a field in two quasi-identifiers', () => {
    expect(() => kAnonymise([], [AGE], { k: 2 })).toThrow(DisclosureConfigError);
    expect(() => kAnonymise([], [AGE], { k: 11, maxSuppressedShare: 2 })).toThrow(DisclosureConfigError);
    expect(() => kAnonymise([], [AGE, { ...CITIZENSHIP, fields: ['age'] }], { k: 11 })).toThrow(DisclosureConfigError);
  });

  describe('with l-diversity of a sensitive quasi-identifier', () => {
    const diverse = { k: 11, diversity: { quasiIdentifier: 'flag', l: 2 } } as const;
    const groupsOf = (records: readonly Record<string, string>[]) => {
      const groups = new Map<string, Set<string>>();
      for (const record of records) {
        const key = `${record.age}|${record.citizenship}`;
        groups.set(key, (groups.get(key) ?? new Set()).add(record.flag!));
      }
      return groups;
    };

    it('does not publish a class of k or more whose group shares one type: it generalises the others until the group is diverse', () => {
      const records = [
        ...many(20, { age: '24-26', citizenship: 'NG', flag: 'sexual' }),
        ...many(15, { age: '24-26', citizenship: 'GH', flag: 'labour' }),
      ];
      // k-anonymity alone publishes both classes: whoever knows a woman is from GH learns her type.
      expect(
        kAnonymise(records, [AGE, CITIZENSHIP, FLAG], { k: 11 }).report.generalisation.map((g) => g.level),
      ).toEqual([0, 0, 0]);
      const { records: out, report } = kAnonymise(records, [AGE, CITIZENSHIP, FLAG], diverse);
      // Citizenship to region puts NG and GH in one group of two types; the type stays published.
      expect(report.generalisation.map((applied) => applied.level)).toEqual([0, 1, 0]);
      expect(report).toMatchObject({ l: 2, recordsOut: 35, suppressed: 0 });
      for (const types of groupsOf(out).values()) expect(types.size).toBeGreaterThanOrEqual(2);
      expect(out.filter((record) => record.flag === 'labour')).toHaveLength(15);
    });

    it('climbs the sensitive ladder last, and a group whose sensitive fields are not published is diverse enough', () => {
      // Every group shares one type whatever the other fields are published at: only not publishing the type helps.
      const records = [
        ...many(20, { age: '24-26', citizenship: 'NG', flag: 'sexual' }),
        ...many(20, { age: '9-17', citizenship: 'FR', flag: 'sexual' }),
      ];
      const { records: out, report } = kAnonymise(records, [AGE, CITIZENSHIP, FLAG], diverse);
      expect(report.generalisation.map((applied) => applied.level)).toEqual([2, 2, 1]);
      expect(out).toHaveLength(40);
      expect(out.every((record) => record.flag === '')).toBe(true);
    });

    it('suppresses a group left with one type once its small classes are suppressed', () => {
      const records = [
        ...many(30, { age: '24-26', citizenship: 'NG', flag: 'sexual' }),
        ...many(30, { age: '24-26', citizenship: 'NG', flag: 'labour' }),
        ...many(11, { age: '9-17', citizenship: 'NG', flag: 'sexual' }),
        { age: '9-17', citizenship: 'NG', flag: 'labour' },
      ];
      // 20 % may go: the lone record's class is too small, and without it the 11 children of NG share one type.
      const { records: out, report } = kAnonymise(records, [AGE, CITIZENSHIP, FLAG], {
        ...diverse,
        maxSuppressedShare: 0.2,
      });
      expect(report.generalisation.map((applied) => applied.level)).toEqual([0, 0, 0]);
      expect(report).toMatchObject({ recordsOut: 60, suppressed: 12, classesSuppressed: 2 });
      expect(out.some((record) => record.age === '9-17')).toBe(false);
    });

    it('refuses an unknown sensitive quasi-identifier or an l below 1', () => {
      expect(() => kAnonymise([], [AGE], { k: 11, diversity: { quasiIdentifier: 'flag', l: 2 } })).toThrow(
        DisclosureConfigError,
      );
      expect(() => kAnonymise([], [AGE, FLAG], { k: 11, diversity: { quasiIdentifier: 'flag', l: 0 } })).toThrow(
        DisclosureConfigError,
      );
    });
  });
});
