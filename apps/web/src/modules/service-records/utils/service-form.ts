import {
  recordServiceRequestSchema,
  type RecordServiceRequest,
  type ServiceOutcome,
  type ServiceType,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import {
  blankToUndefined,
  todayIso,
  validateWithSchema,
  type SchemaResult,
} from '../../../app/forms/schema-validation';

export type ServiceFormValues = {
  type: ServiceType | null;
  deliveredOn: string;
  outcome: ServiceOutcome | null;
  /** Empty when the user's own organisation gave the service. */
  providerOrganisationId: string | null;
  notes: string;
};

export const SERVICE_FORM_FIELDS = ['type', 'deliveredOn', 'outcome', 'providerOrganisationId', 'notes'] as const;
export const SERVICE_LAYOUT = { choiceFields: ['type', 'outcome', 'providerOrganisationId'] };

export function emptyServiceForm(): ServiceFormValues {
  return { type: null, deliveredOn: todayIso(), outcome: null, providerOrganisationId: null, notes: '' };
}

export function validateServiceForm(values: ServiceFormValues, t: TFunction): SchemaResult<RecordServiceRequest> {
  return validateWithSchema(
    recordServiceRequestSchema,
    {
      type: values.type ?? undefined,
      deliveredOn: values.deliveredOn,
      outcome: values.outcome ?? undefined,
      providerOrganisationId: values.providerOrganisationId ?? undefined,
      notes: blankToUndefined(values.notes),
    },
    t,
    SERVICE_LAYOUT,
  );
}
