import { describe, expect, it } from '@jest/globals';
import { OPEN_DATA_FIELDS, OPEN_DATA_QUASI_IDENTIFIERS, buildOpenData, openDataRecordOf } from './open-data.js';

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
    for (const quasi of OPEN_DATA_QUASI_IDENTIFIERS) {
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
    const year = OPEN_DATA_QUASI_IDENTIFIERS.find((quasi) => quasi.name === 'year')!;
    expect(['2022', '2024', '2025'].map((value) => year.steps[0]!.apply([value])[0])).toEqual([
      '2022-2024',
      '2022-2024',
      '2025-2027',
    ]);
  });

  it('sorts the file by its values, whatever order the people came in', () => {
    const people = [
      ...Array.from({ length: 11 }, () => ({ ...woman, registeredMonth: '2025-01' })),
      ...Array.from({ length: 11 }, () => ({ ...woman, registeredMonth: '2024-01' })),
    ];
    const years = buildOpenData(people).records.map((record) => record.yearOfRegistration);
    expect(years).toEqual([...Array(11).fill('2024'), ...Array(11).fill('2025')]);
    expect(buildOpenData([...people].reverse())).toEqual(buildOpenData(people));
  });
});
