import {
  createShelterRequestSchema,
  updateShelterRequestSchema,
  type CreateShelterRequest,
  type ShelterKind,
  type ShelterSummary,
  type UpdateShelterRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { blankToUndefined, validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type ShelterFormValues = {
  name: string;
  kind: ShelterKind | null;
  area: string;
  capacity: number | string;
  address: string;
  active: boolean;
};
export const SHELTER_FORM_FIELDS = ['name', 'kind', 'area', 'capacity', 'address', 'active'] as const;
export const SHELTER_LAYOUT = { choiceFields: ['kind'], ownMessages: true };

export function shelterFormValues(shelter?: ShelterSummary): ShelterFormValues {
  if (!shelter) return { name: '', kind: null, area: '', capacity: '', address: '', active: true };
  // The address is never pre-filled: editing must not read it (each read is audited). Empty keeps it.
  return {
    name: shelter.name,
    kind: shelter.kind,
    area: shelter.area,
    capacity: shelter.capacity,
    address: '',
    active: shelter.active,
  };
}

const capacityOf = (value: number | string) => (value === '' ? undefined : Number(value));

export function validateCreateShelter(values: ShelterFormValues, t: TFunction): SchemaResult<CreateShelterRequest> {
  return validateWithSchema(
    createShelterRequestSchema,
    {
      name: values.name,
      kind: values.kind ?? undefined,
      area: values.area,
      capacity: capacityOf(values.capacity),
      address: values.address,
    },
    t,
    SHELTER_LAYOUT,
  );
}

/** Only what changed is sent, so an edit never rewrites fields someone else changed meanwhile. */
export function validateUpdateShelter(
  values: ShelterFormValues,
  shelter: ShelterSummary,
  version: number,
  t: TFunction,
): SchemaResult<UpdateShelterRequest> {
  const capacity = capacityOf(values.capacity);
  return validateWithSchema(
    updateShelterRequestSchema,
    {
      version,
      name: values.name !== shelter.name ? values.name : undefined,
      kind: values.kind !== shelter.kind ? (values.kind ?? undefined) : undefined,
      area: values.area !== shelter.area ? values.area : undefined,
      capacity: capacity !== shelter.capacity ? (capacity ?? Number.NaN) : undefined,
      address: blankToUndefined(values.address),
      active: values.active !== shelter.active ? values.active : undefined,
    },
    t,
    SHELTER_LAYOUT,
  );
}
