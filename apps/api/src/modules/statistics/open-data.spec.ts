import { describe, expect, it } from '@jest/globals';
import { classSizes } from '@haven/disclosure';
import {
  OPEN_DATA_FIELDS,
  OPEN_DATA_K,
  OPEN_DATA_QUASI_IDENTIFIERS,
  buildOpenData,
  openDataOfRelease,
  openDataRecordOf,
  type OpenDataFile,
  type OpenDataRecord,
  type OpenDataSource,
} from './open-data.js';

const woman = {
  registeredMonth: '2025-03',
  sex: 'Feminine',
  ageBand: '24-26',
  nationality: 'NG',
  exploitationTypes: ['SexualExploitation'],
};

describe('open-data records', () => {
  it('publish the hub’s fields only: a year, the gender, the age band and majority, the country and the flags', () => {
    expect(openDataRecordOf(woman)).toEqual({
      yearOfRegistration: '2025',
      gender: 'Female',
      ageBroad: '24-26',
      majorityStatus: 'Adult',
      citizenship: 'NG',
      isForcedLabour: '0',
      isSexualExploit: '1',
      isOtherExploit: '0',
    });
    expect(
      openDataRecordOf({
        registeredMonth: '2024-11',
        sex: 'NonSpecifiedUnknown',
        ageBand: 'unknown',
        nationality: 'unknown',
        exploitationTypes: [],
      }),
    ).toEqual(
      Object.fromEntries([...OPEN_DATA_FIELDS].map((field) => [field, field === 'yearOfRegistration' ? '2024' : ''])),
    );
    expect(
      openDataRecordOf({ ...woman, sex: 'TransgenderMasculine', exploitationTypes: ['ChildLabour', 'OrganRemoval'] }),
    ).toMatchObject({
      gender: 'Transgender',
      isForcedLabour: '1',
      isSexualExploit: '0',
      isOtherExploit: '1',
    });
  });

  it('cover every published field with exactly one quasi-identifier, each ladder ending with nothing published', () => {
    expect(OPEN_DATA_QUASI_IDENTIFIERS.flatMap((quasi) => quasi.fields).sort()).toEqual([...OPEN_DATA_FIELDS].sort());
    // The year is published as it is: each year is made k-anonymous on its own records.
    expect(OPEN_DATA_QUASI_IDENTIFIERS.find((quasi) => quasi.name === 'year')!.steps).toEqual([]);
    for (const quasi of OPEN_DATA_QUASI_IDENTIFIERS.filter((quasi) => quasi.name !== 'year')) {
      const original = quasi.fields.map(
        (field) => openDataRecordOf(woman)[field as keyof ReturnType<typeof openDataRecordOf>],
      );
      expect(
        quasi.steps
          .at(-1)!
          .apply(original)
          .every((value) => value === ''),
      ).toBe(true);
    }
  });

  it('sorts the file by its values, whatever order the people came in', () => {
    const people = [
      ...Array.from({ length: 11 }, () => ({ ...woman, registeredMonth: '2025-01' })),
      ...Array.from({ length: 11 }, () => ({ ...woman, registeredMonth: '2024-01' })),
    ];
    const cut = '2026-01-01T03:00:00.000Z';
    const years = openDataOfRelease(null, people, cut).records.map((record) => record.yearOfRegistration);
    expect(years).toEqual([...Array(11).fill('2024'), ...Array(11).fill('2025')]);
    expect(openDataOfRelease(null, [...people].reverse(), cut)).toEqual(openDataOfRelease(null, people, cut));
  });

  it('publish each year once: every release after a year’s first carries its records unchanged, and two releases differ by whole years only', () => {
    // A model of several releases: people registered over the years, consents given and withdrawn, years ending
    // between cuts. Each person: a fixed profile (drawn from a seeded generator), a year, and whether she consents now.
    let seed = 7;
    const draw = (count: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % count;
    };
    const SEXES = ['Feminine', 'Masculine', 'TransgenderFeminine'];
    const BANDS = ['9-17', '18-20', '24-26', '30-38', '48+'];
    const NATIONALITIES = ['NG', 'GH', 'ER', 'VN', 'AF'];
    const TYPES = ['SexualExploitation', 'ForcedLabour', 'OrganRemoval'];
    interface Modelled extends OpenDataSource {
      consents: boolean;
    }
    const population: Modelled[] = [];
    const register = (year: number, count: number) => {
      for (let index = 0; index < count; index += 1)
        population.push({
          registeredMonth: `${year}-${String(1 + draw(12)).padStart(2, '0')}`,
          sex: SEXES[draw(SEXES.length)]!,
          ageBand: BANDS[draw(BANDS.length)]!,
          nationality: NATIONALITIES[draw(NATIONALITIES.length)]!,
          exploitationTypes: [TYPES[draw(TYPES.length)]!],
          consents: draw(5) > 0,
        });
    };
    const toggleConsents = (count: number) => {
      for (let index = 0; index < count; index += 1) {
        const person = population[draw(population.length)]!;
        person.consents = !person.consents;
      }
    };
    const releases: { cutYear: number; file: OpenDataFile }[] = [];
    const recomputed: OpenDataRecord[][] = [];
    const cut = (cutYear: number) => {
      // What a release reads: consenting people registered in a year that had ended.
      const people = population.filter(
        (person) => person.consents && Number(person.registeredMonth.slice(0, 4)) < cutYear,
      );
      const previous = releases.at(-1)?.file ?? null;
      releases.push({ cutYear, file: openDataOfRelease(previous, people, `${cutYear}-01-01T03:00:00.000Z`) });
      // The same people, every year computed again: what each release published before years were frozen.
      recomputed.push(buildOpenData(people).records);
    };

    register(2022, 150);
    register(2023, 40);
    cut(2023); // 2022 has ended
    register(2023, 60);
    toggleConsents(30);
    register(2022, 12); // registered late, with a date in 2022
    cut(2023); // within 2023: nothing new ended
    register(2024, 120);
    toggleConsents(40);
    cut(2024); // 2023 has ended
    register(2024, 30);
    register(2023, 15);
    toggleConsents(50);
    cut(2025); // 2024 has ended
    register(2025, 200);
    toggleConsents(60);
    cut(2026); // 2025 has ended

    const rowsOf = (file: OpenDataFile, year: string) =>
      file.records
        .filter((record) => record.yearOfRegistration === year)
        .map((record) => JSON.stringify(OPEN_DATA_FIELDS.map((field) => record[field])));
    for (const [index, { file }] of releases.entries()) {
      // Each file is k-anonymous, and covers the years ended at its cut.
      for (const size of classSizes(file.records, [...OPEN_DATA_FIELDS]).values())
        expect(size).toBeGreaterThanOrEqual(OPEN_DATA_K);
      expect(file.years.map((year) => Number(year.year))).toEqual(
        [2022, 2023, 2024, 2025].filter((year) => year < releases[index]!.cutYear),
      );
      // Each year, in every later release, byte for byte as first published, with the same report.
      for (const later of releases.slice(index + 1))
        for (const year of file.years) {
          expect(rowsOf(later.file, year.year)).toEqual(rowsOf(file, year.year));
          expect(later.file.years.find((entry) => entry.year === year.year)).toEqual(year);
        }
    }
    expect(
      releases.map(({ file }) => file.records.length).every((length, index, all) => length >= (all[index - 1] ?? 0)),
    ).toBe(true);

    // An attacker holding any two files subtracts them class by class: every difference is 0 or a whole class of
    // a year published in between, never 1…k−1 people.
    const smallDifferences = (files: readonly (readonly OpenDataRecord[])[]) => {
      const found: number[] = [];
      for (const [index, first] of files.entries())
        for (const second of files.slice(index + 1)) {
          const before = classSizes(first, [...OPEN_DATA_FIELDS]);
          const after = classSizes(second, [...OPEN_DATA_FIELDS]);
          for (const key of new Set([...before.keys(), ...after.keys()])) {
            const difference = Math.abs((after.get(key) ?? 0) - (before.get(key) ?? 0));
            if (difference > 0 && difference < OPEN_DATA_K) found.push(difference);
          }
        }
      return found;
    };
    expect(smallDifferences(releases.map(({ file }) => file.records))).toEqual([]);
    // Computing every year again at each release, as before, gives such differences away.
    expect(smallDifferences(recomputed).length).toBeGreaterThan(0);
  });
});
