import {
  addBedRequestSchema,
  createRoomRequestSchema,
  ROOM_AGE_GROUPS,
  ROOM_SEXES,
  type AddBedRequest,
  type CreateRoomRequest,
  type RoomAgeGroup,
  type RoomSex,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type RoomFormValues = {
  name: string;
  sex: RoomSex | null;
  ageGroup: RoomAgeGroup | null;
  beds: number | string;
  accessibleBeds: number | string;
};
export const ROOM_FORM_FIELDS = ['name', 'sex', 'ageGroup', 'beds', 'accessibleBeds'] as const;
export const ROOM_LAYOUT = { choiceFields: ['sex', 'ageGroup'], ownMessages: true };
export const roomSexes = ROOM_SEXES;
export const roomAgeGroups = ROOM_AGE_GROUPS;

export function emptyRoomForm(): RoomFormValues {
  return { name: '', sex: null, ageGroup: null, beds: '', accessibleBeds: 0 };
}

const numberOf = (value: number | string) => (value === '' ? undefined : Number(value));

export function validateRoom(values: RoomFormValues, t: TFunction): SchemaResult<CreateRoomRequest> {
  return validateWithSchema(
    createRoomRequestSchema,
    {
      name: values.name,
      sex: values.sex ?? undefined,
      ageGroup: values.ageGroup ?? undefined,
      beds: numberOf(values.beds),
      accessibleBeds: numberOf(values.accessibleBeds) ?? 0,
    },
    t,
    ROOM_LAYOUT,
  );
}

export type BedFormValues = { label: string; accessible: boolean };
export const BED_FORM_FIELDS = ['label', 'accessible'] as const;

export function validateBed(values: BedFormValues, t: TFunction): SchemaResult<AddBedRequest> {
  return validateWithSchema(addBedRequestSchema, values, t, { ownMessages: true });
}
