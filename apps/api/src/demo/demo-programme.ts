import { Faker, base, en } from '@faker-js/faker';
import {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_TARGET_GROUPS,
  DIASPORA_SECTORS,
  HEADLINE_RESULTS,
  REACH_AGE_BANDS,
  type CampaignFields,
  type CapacityEventFields,
  type DiasporaProjectFields,
  type InstitutionFields,
  type ProgrammeTarget,
} from '@haven/contracts';

/**
 * The demo's programme work that is not a case, generated (synthetic): each shelter organisation's
 * campaigns, the institutions it trains and its capacity-building events, diaspora projects in the
 * countries of return, and the programme's targets — so the results report has all four headline
 * results from the first start. Institutions are named by kind and place, never after real bodies.
 */
export interface DemoProgrammeWork {
  campaigns: CampaignFields[];
  institutions: InstitutionFields[];
  /** Events name institutions by their index in `institutions`. */
  events: (Omit<CapacityEventFields, 'participants'> & {
    participants: { institution: number; women: number; men: number }[];
  })[];
  projects: DiasporaProjectFields[];
}

const COUNTRIES = ['NG', 'NE', 'ML', 'SN', 'GH'] as const;
const INSTITUTION_KINDS = [
  { label: 'Labour inspectorate', sector: 'nationalPublic', organisationType: 'CentralGovernmentOrganisation' },
  { label: 'Border police unit', sector: 'nationalPublic', organisationType: 'LawEnforcement' },
  { label: 'Immigration office', sector: 'nationalPublic', organisationType: 'ImmigrationService' },
  { label: 'Municipal social services', sector: 'localPublic', organisationType: 'LocalGovernmentOrganisation' },
  { label: 'District health office', sector: 'localPublic', organisationType: 'HealthServiceOrganisation' },
  { label: 'Women’s rights association', sector: 'nonState', organisationType: 'NGO' },
  { label: 'Bar association legal clinic', sector: 'nonState', organisationType: 'LegalService' },
  { label: 'Vocational college', sector: 'nonState', organisationType: 'SchoolOrCollege' },
] as const;
const TOPICS = [
  'Identifying victims of trafficking',
  'Referral pathways and case management',
  'Safe and regular migration',
  'Protection-sensitive border management',
  'Data protection in case work',
] as const;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Three years of one organisation's programme work, the same every time for the same seed. */
export function demoProgrammeWork(seed: number, today = new Date()): DemoProgrammeWork {
  const faker = new Faker({ locale: [en, base], seed });
  const firstYear = today.getUTCFullYear() - 2;
  const dayIn = (year: number) => {
    const last = year === today.getUTCFullYear() ? today : new Date(Date.UTC(year, 11, 31));
    return faker.date.between({ from: new Date(Date.UTC(year, 0, 1)), to: last });
  };
  const later = (date: Date, days: number) =>
    isoDay(new Date(Math.min(date.getTime() + days * 86_400_000, today.getTime())));
  const institutions: InstitutionFields[] = INSTITUTION_KINDS.map((kind) => ({
    name: `${kind.label}, ${faker.location.city()}`,
    sector: kind.sector,
    organisationType: kind.organisationType,
    country: faker.helpers.arrayElement(COUNTRIES),
  }));
  const work: DemoProgrammeWork = { campaigns: [], institutions, events: [], projects: [] };
  for (let year = firstYear; year <= today.getUTCFullYear(); year += 1) {
    for (let index = 0; index < 6; index += 1) {
      const start = dayIn(year);
      const channel = faker.helpers.arrayElement(CAMPAIGN_CHANNELS);
      const broadcast = ['radio', 'television', 'socialMedia'].includes(channel);
      const scale = broadcast ? 30_000 : 400;
      work.campaigns.push({
        title: `${faker.helpers.arrayElement(['Know before you go', 'Safe journeys', 'Your rights abroad', 'Think twice'])} (${channel})`,
        startsOn: isoDay(start),
        endsOn: later(start, faker.number.int({ min: 1, max: 60 })),
        country: faker.helpers.arrayElement(COUNTRIES),
        area: faker.location.city(),
        channel,
        targetGroup: faker.helpers.arrayElement(CAMPAIGN_TARGET_GROUPS),
        method: broadcast
          ? channel === 'socialMedia'
            ? 'platformUniqueReach'
            : 'audienceEstimate'
          : 'countedAttendance',
        source: broadcast ? 'Broadcaster or platform report' : 'Attendance sheets',
        reach: (['female', 'male'] as const).flatMap((sex) =>
          faker.helpers
            .arrayElements(
              REACH_AGE_BANDS.filter((band) => band !== 'notRecorded'),
              2,
            )
            .map((ageBand) => ({ sex, ageBand, people: faker.number.int({ min: scale / 10, max: scale }) })),
        ),
      });
    }
    for (let index = 0; index < 3; index += 1) {
      const start = dayIn(year);
      work.events.push({
        topic: faker.helpers.arrayElement(TOPICS),
        startsOn: isoDay(start),
        endsOn: later(start, faker.number.int({ min: 0, max: 4 })),
        country: faker.helpers.arrayElement(COUNTRIES),
        area: faker.location.city(),
        format: faker.helpers.arrayElement(['inPerson', 'online', 'hybrid'] as const),
        participants: faker.helpers
          .arrayElements(
            institutions.map((_, position) => position),
            { min: 2, max: 5 },
          )
          .map((institution) => ({
            institution,
            women: faker.number.int({ min: 1, max: 12 }),
            men: faker.number.int({ min: 0, max: 12 }),
          })),
      });
    }
    for (let index = 0; index < 3; index += 1) {
      const start = dayIn(year);
      work.projects.push({
        title: `${faker.helpers.arrayElement(['Cooperative', 'Workshop', 'Shop', 'Farm'])} ${faker.location.city()}`,
        startsOn: isoDay(start),
        endsOn: later(start, 365),
        sector: faker.helpers.arrayElement(DIASPORA_SECTORS),
        country: faker.helpers.arrayElement(COUNTRIES),
        area: faker.location.city(),
        diasporaPromoters: faker.number.float() < 0.8,
        promotersResidence: faker.helpers.arrayElement(['IT', 'FR', 'ES', 'DE', 'BE']),
        investment: faker.number.int({ min: 2_000, max: 80_000 }),
        currency: 'EUR',
        jobsCreated: faker.number.int({ min: 1, max: 15 }),
        returneesInvolved: faker.number.float() < 0.5,
      });
    }
  }
  return work;
}

/** The programme's yearly targets for its four headline results, over the demo's three years. */
export function demoTargets(today = new Date()): ProgrammeTarget[] {
  const perYear: Record<(typeof HEADLINE_RESULTS)[number], { baseline: number; target: number }> = {
    'migrants-protected-or-assisted': { baseline: 150, target: 600 },
    'people-reached-by-campaigns': { baseline: 50_000, target: 400_000 },
    'institutions-supported': { baseline: 5, target: 20 },
    'diaspora-projects': { baseline: 2, target: 10 },
  };
  const years = [0, 1, 2].map((offset) => today.getUTCFullYear() - 2 + offset);
  return years.flatMap((year) => HEADLINE_RESULTS.map((result) => ({ result, year, ...perYear[result] })));
}
