import {
  dischargeRequestSchema,
  moveRequestSchema,
  placeRequestSchema,
  type DischargeReason,
  type DischargeRequest,
  type MoveRequest,
  type PlaceRequest,
  type Room,
  type ShelterKind,
  type ShelterSummary,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { isApiError } from '../../../app/api-client';
import {
  blankToUndefined,
  todayIso,
  validateWithSchema,
  type SchemaResult,
} from '../../../app/forms/schema-validation';

export type PlacementFormValues = {
  shelterId: string | null;
  bedId: string | null;
  needsAccessibleBed: boolean;
  fromDate: string;
  plannedDischargeOn: string;
  overrideReason: string;
};
export const PLACEMENT_FORM_FIELDS = [
  'shelterId',
  'bedId',
  'fromDate',
  'plannedDischargeOn',
  'overrideReason',
] as const;
export const PLACEMENT_LAYOUT = { choiceFields: ['shelterId', 'bedId'], ownMessages: true };

export function emptyPlacementForm(): PlacementFormValues {
  return {
    shelterId: null,
    bedId: null,
    needsAccessibleBed: false,
    fromDate: todayIso(),
    plannedDischargeOn: '',
    overrideReason: '',
  };
}

function placementInput(values: PlacementFormValues, withOverride: boolean) {
  return {
    shelterId: values.shelterId ?? undefined,
    bedId: values.bedId ?? undefined,
    needsAccessibleBed: values.needsAccessibleBed,
    fromDate: values.fromDate,
    plannedDischargeOn: blankToUndefined(values.plannedDischargeOn),
    // Sent only once the API has said the kind does not fit: an unneeded reason is refused.
    overrideReason: withOverride ? (blankToUndefined(values.overrideReason) ?? '') : undefined,
  };
}

/** The API may pick a bed itself; the form asks for one, so the caseworker sees where the survivor sleeps. */
function withBedChosen<T>(result: SchemaResult<T>, values: PlacementFormValues): SchemaResult<T> {
  if (values.shelterId === null || values.bedId !== null) return result;
  return { ok: false, errors: { ...(result.ok ? {} : result.errors), bedId: 'Choose a bed' } };
}

export function validatePlace(
  values: PlacementFormValues,
  withOverride: boolean,
  t: TFunction,
): SchemaResult<PlaceRequest> {
  return withBedChosen(
    validateWithSchema(placeRequestSchema, placementInput(values, withOverride), t, PLACEMENT_LAYOUT),
    values,
  );
}

export function validateMove(
  values: PlacementFormValues,
  version: number,
  withOverride: boolean,
  t: TFunction,
): SchemaResult<MoveRequest> {
  return withBedChosen(
    validateWithSchema(moveRequestSchema, { version, ...placementInput(values, withOverride) }, t, PLACEMENT_LAYOUT),
    values,
  );
}

export type DischargeFormValues = { toDate: string; exitReason: DischargeReason | null };
export const DISCHARGE_FORM_FIELDS = ['toDate', 'exitReason'] as const;
export const DISCHARGE_LAYOUT = { choiceFields: ['exitReason'], ownMessages: true };

export function validateDischarge(
  values: DischargeFormValues,
  version: number,
  planned: boolean,
  t: TFunction,
): SchemaResult<DischargeRequest> {
  const input = planned
    ? { version, toDate: values.toDate, plannedDischarge: true }
    : { version, toDate: values.toDate, exitReason: values.exitReason ?? undefined };
  return validateWithSchema(dischargeRequestSchema, input, t, DISCHARGE_LAYOUT);
}

/**
 * What the API said about the shelter's kind: `needsReason` when a supervisor may override with a reason,
 * `needsSupervisor` when the user cannot, `notNeeded` when a reason was sent for a shelter that fits.
 */
export type KindAnswer = 'needsReason' | 'needsSupervisor' | 'notNeeded' | null;

export function kindAnswerOf(error: unknown): KindAnswer {
  if (!isApiError(error, 400)) return null;
  const field = error.fieldErrors().find((entry) => entry.field === 'overrideReason');
  if (!field) return null;
  if (field.message === 'Give the reason for the override') return 'needsReason';
  if (field.message === 'Not needed') return 'notNeeded';
  return 'needsSupervisor';
}

/** The bed chosen was taken meanwhile (409 naming the bed). */
export function isBedTaken(error: unknown): boolean {
  return isApiError(error, 409) && typeof error.problem.bedId === 'string';
}

/** The bed chosen (or every free one) does not fit the survivor: 422 on `bedId`. */
export function isBedMisfit(error: unknown): boolean {
  return isApiError(error, 422) && error.fieldErrors().some((entry) => entry.field === 'bedId');
}

/** The server's detail names why the bed does not fit; the form shows it under the bed field. */
export function bedMisfitMessage(error: unknown): string | null {
  return isApiError(error, 422) && isBedMisfit(error) ? (error.problem.detail ?? null) : null;
}

/**
 * The beds to choose from, grouped by room: taken beds are shown but cannot be chosen, beds out of use are
 * left out. `label` words one bed, `group` one room.
 */
export function bedOptions(
  rooms: Room[],
  group: (room: Room) => string,
  label: (bed: Room['beds'][number]) => string,
): { group: string; items: { value: string; label: string; disabled?: boolean }[] }[] {
  return rooms
    .map((room) => ({
      group: group(room),
      items: room.beds
        .filter((bed) => bed.active)
        .map((bed) => ({ value: bed.id, label: label(bed), disabled: bed.occupied })),
    }))
    .filter((room) => room.items.length > 0);
}

/** A full shelter (409 without a version) answers a place or move; other 409s mean the case changed. */
export function isShelterFull(error: unknown): boolean {
  return isApiError(error, 409) && error.currentVersion === undefined && /full/i.test(error.problem.detail ?? '');
}

export function freeBeds(shelter: Pick<ShelterSummary, 'capacity' | 'occupied'>): number {
  return Math.max(0, shelter.capacity - shelter.occupied);
}

export function shelterOptions(
  shelters: ShelterSummary[],
  label: (shelter: ShelterSummary, free: number, kind: ShelterKind) => string,
  excludeId?: string,
): { value: string; label: string; disabled?: boolean }[] {
  return shelters
    .filter((shelter) => shelter.active && shelter.id !== excludeId)
    .map((shelter) => {
      const free = freeBeds(shelter);
      return { value: shelter.id, label: label(shelter, free, shelter.kind), disabled: free === 0 };
    });
}
