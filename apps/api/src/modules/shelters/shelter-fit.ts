import type { Gender, RoomAgeGroup, RoomSex, ShelterKind } from '@haven/contracts';

/** What the fit of a shelter's kind depends on: coded case fields only. */
export interface SurvivorForFit {
  sex: Gender;
  ageAtRegistration: number | null;
  registeredAt: Date;
}

export type KindFit = { fits: true } | { fits: false; reason: string };

const FEMININE = new Set<Gender>(['Feminine', 'TransgenderFeminine']);
const MASCULINE = new Set<Gender>(['Masculine', 'TransgenderMasculine']);
const ADULT_AGE = 18;

/** The age on a day (YYYY-MM-DD): the age at registration plus the whole years since; null when unknown. */
export function ageOn(
  survivor: Pick<SurvivorForFit, 'ageAtRegistration' | 'registeredAt'>,
  day: string,
): number | null {
  if (survivor.ageAtRegistration === null) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const registered = survivor.registeredAt;
  let years = year - registered.getUTCFullYear();
  if (
    month < registered.getUTCMonth() + 1 ||
    (month === registered.getUTCMonth() + 1 && date < registered.getUTCDate())
  )
    years -= 1;
  return survivor.ageAtRegistration + Math.max(0, years);
}

/**
 * Whether a shelter's kind fits the survivor on the day of arrival. Children's shelters
 * take known minors only; women's and men's shelters take adults (or people of unknown
 * age) of that sex; family and mixed shelters take anyone. A misfit needs a supervisor's
 * override with a reason.
 */
export function kindFit(kind: ShelterKind, survivor: SurvivorForFit, day: string): KindFit {
  const age = ageOn(survivor, day);
  const minor = age !== null && age < ADULT_AGE;
  switch (kind) {
    case 'children':
      if (age === null)
        return { fits: false, reason: 'This is a children’s shelter and the survivor’s age is not known.' };
      return minor
        ? { fits: true }
        : { fits: false, reason: `This is a children’s shelter and the survivor is an adult (${age}).` };
    case 'women':
      if (!FEMININE.has(survivor.sex)) return { fits: false, reason: 'This is a women’s shelter.' };
      return minor
        ? { fits: false, reason: `This is a shelter for adult women and the survivor is a minor (${age}).` }
        : { fits: true };
    case 'men':
      if (!MASCULINE.has(survivor.sex)) return { fits: false, reason: 'This is a men’s shelter.' };
      return minor
        ? { fits: false, reason: `This is a shelter for adult men and the survivor is a minor (${age}).` }
        : { fits: true };
    case 'families':
    case 'mixed':
      return { fits: true };
  }
}

/** What a bed offers: its room's sex and age group, and whether it is accessible. */
export interface BedForFit {
  label: string;
  accessible: boolean;
  room: { name: string; sex: RoomSex; ageGroup: RoomAgeGroup };
}

/**
 * Whether a bed fits the survivor on the day of arrival: the room's sex (female rooms
 * take feminine survivors, male rooms masculine ones), its age group (child rooms take
 * known minors; adult rooms adults or people of unknown age, as the shelter kinds do),
 * and an accessible bed for who needs one.
 */
export function bedFit(bed: BedForFit, survivor: SurvivorForFit, needsAccessibleBed: boolean, day: string): KindFit {
  const where = `Bed ${bed.label} in ${bed.room.name}`;
  if (bed.room.sex === 'female' && !FEMININE.has(survivor.sex))
    return { fits: false, reason: `${where} is in a room for women and girls.` };
  if (bed.room.sex === 'male' && !MASCULINE.has(survivor.sex))
    return { fits: false, reason: `${where} is in a room for men and boys.` };
  const age = ageOn(survivor, day);
  if (bed.room.ageGroup === 'child' && (age === null || age >= ADULT_AGE))
    return {
      fits: false,
      reason:
        age === null
          ? `${where} is in a children’s room and the survivor’s age is not known.`
          : `${where} is in a children’s room and the survivor is an adult (${age}).`,
    };
  if (bed.room.ageGroup === 'adult' && age !== null && age < ADULT_AGE)
    return { fits: false, reason: `${where} is in a room for adults and the survivor is a minor (${age}).` };
  if (needsAccessibleBed && !bed.accessible)
    return { fits: false, reason: `${where} is not accessible, and the survivor needs an accessible bed.` };
  return { fits: true };
}
