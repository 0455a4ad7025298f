import { recordServiceRequestSchema, type RecordServiceRequest, type ServiceOutcome, type ServiceType } from '@haven/contracts';
import type { TFunction } from 'i18next';
import { blankToUndefined, todayIso, validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type ServiceFormValues = { type: ServiceType | null; deliveredOn: string; outcome: ServiceOutcome | null; notes: string };

export const SERVICE_FORM_FIELDS = ['type', 'deliveredOn', 'outcome', 'notes'] as const;
export const SERVICE_LAYOUT = { choiceFields: ['type', 'outcome'] };

export function emptyServiceForm(): ServiceFormValues {
  return { type: null, deliveredOn: todayIso(), outcome: null, notes: '' };
}

export function validateServiceForm(values: ServiceFormValues, t: TFunction): SchemaResult<RecordServiceRequest> {
  return validateWithSchema(
    recordServiceRequestSchema,
    { type: values.type ?? undefined, deliveredOn: values.deliveredOn, outcome: values.outcome ?? undefined, notes: blankToUndefined(values.notes) },
    t,
    SERVICE_LAYOUT,
  );
}
