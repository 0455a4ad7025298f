import {
  NEED_AREAS,
  recordAssessmentRequestSchema,
  type AssessmentType,
  type NeedArea,
  type NeedLevel,
  type ProtectionOutcome,
  type RecordAssessmentRequest,
  type RiskLevel,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { blankToUndefined, validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

type YesNo = 'yes' | 'no' | null;

export type AssessmentFormValues = {
  type: AssessmentType;
  riskLevel: RiskLevel | null;
  /** One input per area; an empty one means the area was not assessed this time. */
  needs: Record<NeedArea, NeedLevel | ''>;
  fearOfReturn: YesNo;
  asylumIntention: YesNo;
  outcome: ProtectionOutcome | null;
  notes: string;
};

export const ASSESSMENT_FORM_FIELDS = [
  'type',
  'riskLevel',
  'needs',
  'fearOfReturn',
  'asylumIntention',
  'outcome',
  'notes',
] as const;
export const ASSESSMENT_LAYOUT = {
  choiceFields: ['type', 'riskLevel', 'fearOfReturn', 'asylumIntention', 'outcome'],
  wholeFields: ['needs'],
};

export function emptyAssessmentForm(type: AssessmentType): AssessmentFormValues {
  return {
    type,
    riskLevel: null,
    needs: Object.fromEntries(NEED_AREAS.map((area) => [area, ''])) as Record<NeedArea, NeedLevel | ''>,
    fearOfReturn: null,
    asylumIntention: null,
    outcome: null,
    notes: '',
  };
}

const yesNo = (value: YesNo) => (value === null ? undefined : value === 'yes');

/** The request for the chosen kind of assessment; the other kinds' inputs are ignored. */
export function toAssessmentRequest(values: AssessmentFormValues): Record<string, unknown> {
  const notes = blankToUndefined(values.notes);
  switch (values.type) {
    case 'risk':
      return { type: 'risk', riskLevel: values.riskLevel ?? undefined, notes };
    case 'needs':
      return {
        type: 'needs',
        needs: NEED_AREAS.filter((area) => values.needs[area] !== '').map((area) => ({
          area,
          level: values.needs[area],
        })),
        notes,
      };
    case 'protection':
      return {
        type: 'protection',
        fearOfReturn: yesNo(values.fearOfReturn),
        asylumIntention: yesNo(values.asylumIntention),
        outcome: values.outcome ?? undefined,
        notes,
      };
  }
}

export function validateAssessmentForm(
  values: AssessmentFormValues,
  t: TFunction,
): SchemaResult<RecordAssessmentRequest> {
  return validateWithSchema(recordAssessmentRequestSchema, toAssessmentRequest(values), t, ASSESSMENT_LAYOUT);
}
