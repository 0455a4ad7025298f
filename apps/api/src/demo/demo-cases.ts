import { Faker, base, en, fr } from '@faker-js/faker';
import type { ExploitationType, Gender, RegisterCaseRequest, RiskLevel } from '@haven/contracts';

/**
 * Synthetic survivors for demo mode. Every name is generated; distributions are
 * plausible for a West/East/North African caseload, not drawn from real records.
 */
const NATIONALITIES: [string, number][] = [
  ['NG', 18],
  ['GH', 6],
  ['SN', 5],
  ['CI', 6],
  ['ML', 4],
  ['GN', 5],
  ['SL', 3],
  ['BF', 3],
  ['CM', 4],
  ['ER', 8],
  ['ET', 7],
  ['SO', 5],
  ['SD', 5],
  ['KE', 3],
  ['UG', 2],
  ['MA', 6],
  ['DZ', 3],
  ['TN', 2],
  ['EG', 3],
  ['LY', 2],
];
const SEXES: [Gender, number][] = [
  ['Feminine', 68],
  ['Masculine', 29],
  ['TransgenderFeminine', 1],
  ['NonSpecifiedUnknown', 2],
];
const RISKS: [RiskLevel, number][] = [
  ['low', 20],
  ['medium', 45],
  ['high', 25],
  ['critical', 10],
];
const EXPLOITATION: [ExploitationType, number][] = [
  ['SexualExploitation', 42],
  ['ForcedLabour', 34],
  ['Servitude', 8],
  ['ForcedBegging', 5],
  ['ForcedMarriage', 5],
  ['ChildLabour', 3],
  ['Other', 3],
];
const FRANCOPHONE = new Set(['SN', 'CI', 'ML', 'GN', 'BF', 'CM', 'MA', 'DZ', 'TN']);

function weighted<T>(faker: Faker, options: [T, number][]): T {
  return faker.helpers.weightedArrayElement(options.map(([value, weight]) => ({ value, weight })));
}

export function demoCases(count: number, seed = 2026): RegisterCaseRequest[] {
  const english = new Faker({ locale: [en, base], seed });
  const french = new Faker({ locale: [fr, base], seed: seed + 1 });
  return Array.from({ length: count }, () => {
    const nationality = weighted(english, NATIONALITIES);
    const faker = FRANCOPHONE.has(nationality) ? french : english;
    const sex = weighted(english, SEXES);
    const minor = english.number.float() < 0.16;
    const age = minor ? english.number.int({ min: 12, max: 17 }) : english.number.int({ min: 18, max: 45 });
    const knowsBirthDate = english.number.float() < 0.55;
    const birthYear = new Date().getUTCFullYear() - age - 1;
    const exploitationTypes = [weighted(english, EXPLOITATION)];
    if (english.number.float() < 0.15) exploitationTypes.push(weighted(english, EXPLOITATION));
    return {
      givenName: faker.person.firstName(sex === 'Masculine' ? 'male' : 'female'),
      familyName: english.number.float() < 0.9 ? faker.person.lastName() : '',
      ...(knowsBirthDate
        ? {
            dateOfBirth: `${birthYear}-${String(english.number.int({ min: 1, max: 12 })).padStart(2, '0')}-${String(english.number.int({ min: 1, max: 28 })).padStart(2, '0')}`,
          }
        : { estimatedAge: age }),
      sex,
      nationality,
      riskLevel: weighted(english, RISKS),
      exploitationTypes: [...new Set(exploitationTypes)],
    };
  });
}
