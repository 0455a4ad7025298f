import { describe, expect, it } from '@jest/globals';
import {
  CASE_PROFILE_FIELDS,
  CASE_REFERENCE_PATTERN,
  CASE_UPDATE_FIELDS,
  registerCaseRequestSchema,
  SURVIVOR_IDENTITY_FIELDS,
  TRAFFICKING_PROFILE_FIELDS,
  updateCaseRequestSchema,
  updateIdentityRequestSchema,
} from './cases.js';

describe('registration contract', () => {
  const minimum = { givenName: ' Alias ', estimatedAge: 19, sex: 'Feminine', nationality: 'ng' };

  it('accepts the late-night minimum and normalises it', () => {
    const parsed = registerCaseRequestSchema.parse(minimum);
    expect(parsed).toMatchObject({
      givenName: 'Alias',
      familyName: '',
      nationality: 'NG',
      riskLevel: 'medium',
      exploitationTypes: [],
    });
  });

  it('needs a date of birth or an estimated age', () => {
    const result = registerCaseRequestSchema.safeParse({ ...minimum, estimatedAge: undefined });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['estimatedAge']);
  });

  it('refuses unknown fields, unknown countries and codes outside the standard', () => {
    expect(registerCaseRequestSchema.safeParse({ ...minimum, extra: 1 }).success).toBe(false);
    expect(registerCaseRequestSchema.safeParse({ ...minimum, nationality: 'XX' }).success).toBe(false);
    expect(registerCaseRequestSchema.safeParse({ ...minimum, sex: 'F' }).success).toBe(false);
  });

  it('describes references without ambiguous letters', () => {
    expect(CASE_REFERENCE_PATTERN.test('HV-7F3K-2Q9D')).toBe(true);
    expect(CASE_REFERENCE_PATTERN.test('HV-7F3K-2Q9O')).toBe(false);
  });
});

describe('update contracts', () => {
  it('carry only the fields that were sent, so an update never empties what it did not mention', async () => {
    const { updateCaseRequestSchema, updateIdentityRequestSchema } = await import('./cases.js');
    expect(updateCaseRequestSchema.parse({ version: 3, stage: 'assessment' })).toEqual({
      version: 3,
      stage: 'assessment',
    });
    expect(updateIdentityRequestSchema.parse({ version: 3, givenName: ' New ' })).toEqual({
      version: 3,
      givenName: 'New',
    });
    expect(updateCaseRequestSchema.parse({ version: 3, controlMethods: [] })).toEqual({
      version: 3,
      controlMethods: [],
    });
  });
});

describe('field groups', () => {
  it('name every field an update takes, each in one group', () => {
    expect([...CASE_UPDATE_FIELDS, ...TRAFFICKING_PROFILE_FIELDS, 'version'].sort()).toEqual(
      Object.keys(updateCaseRequestSchema.shape).sort(),
    );
    expect([...SURVIVOR_IDENTITY_FIELDS, 'version'].sort()).toEqual(
      Object.keys(updateIdentityRequestSchema.shape).sort(),
    );
    expect(CASE_PROFILE_FIELDS.every((field) => field in updateCaseRequestSchema.shape)).toBe(true);
  });
});
