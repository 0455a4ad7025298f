import { Faker, base, en } from '@faker-js/faker';
import type { RegisterCaseRequest, RegisterCaseResponse } from '@haven/contracts';
import type { HttpSession } from './http-session.js';

/**
 * Synthetic survivors: nobody here is a real person. The names are written out (not drawn
 * from a dictionary) so that `npm test` can look for every one of them in the API's log
 * (tools/run-tests.mjs, "no survivor names in the API logs").
 */
const SYNTHETIC_PEOPLE = [
  { givenName: 'Amarachi', familyName: 'Testwood' },
  { givenName: 'Berhane', familyName: 'Samplefield' },
  { givenName: 'Chidinma', familyName: 'Mockridge' },
  { givenName: 'Dawit', familyName: 'Fixturely' },
  { givenName: 'Esperanza', familyName: 'Trialsen' },
  { givenName: 'Farida', familyName: 'Placeholm' },
  { givenName: 'Gulnara', familyName: 'Dummington' },
  { givenName: 'Hoang', familyName: 'Stubbsworth' },
  { givenName: 'Ifeoma', familyName: 'Samplewright' },
  { givenName: 'Juliya', familyName: 'Testaker' },
] as const;
const NATIONALITIES = ['NG', 'GH', 'ER', 'SY', 'AF', 'VN', 'UA', 'AL'] as const;
const SEXES = ['Feminine', 'Masculine'] as const;
/** Not `critical`: it raises work (alerts, my-work counters) a test should ask for by name. */
const RISK_LEVELS = ['low', 'medium', 'high'] as const;

/** Seeded, so a failing run registers the same people when repeated. */
const faker = new Faker({ locale: [en, base] });
faker.seed(20_261_207);

/** A registration's body: a synthetic adult with a name, estimated age, sex, nationality and risk; `overrides` win. */
export function syntheticRegistration(overrides: Partial<RegisterCaseRequest> & Record<string, unknown> = {}) {
  return {
    ...faker.helpers.arrayElement(SYNTHETIC_PEOPLE),
    estimatedAge: faker.number.int({ min: 18, max: 59 }),
    sex: faker.helpers.arrayElement(SEXES),
    nationality: faker.helpers.arrayElement(NATIONALITIES),
    riskLevel: faker.helpers.arrayElement(RISK_LEVELS),
    ...overrides,
  };
}

/** A registered case as the API answered it, with the body it was registered with. */
export type NewCase = RegisterCaseResponse & { registration: ReturnType<typeof syntheticRegistration> };

/**
 * Registers a case through the API as `session`'s person (their organisation, assigned to
 * them unless `assigneeId` says otherwise) and answers it; anything but 201 throws, with the
 * problem the API answered. For a test about registration itself, post
 * `syntheticRegistration(...)` and look at the answer.
 */
export async function newCase(
  session: HttpSession,
  overrides: Partial<RegisterCaseRequest> & Record<string, unknown> = {},
): Promise<NewCase> {
  const registration = syntheticRegistration(overrides);
  const response = await session.post('/api/cases', registration);
  if (response.status !== 201)
    throw new Error(`Registering a case answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { ...(response.body as RegisterCaseResponse), registration };
}
