import { describe, expect, it } from '@jest/globals';
import {
  INDICATOR_DIMENSIONS,
  PROPOSED_STATUS,
  TRAFFICKING_INDICATORS,
  TRAFFICKING_INDICATOR_CODES,
  dimensionIsPositive,
  proposeScreeningOutcome,
  recordScreeningRequestSchema,
  type IndicatorAnswers,
} from './identification.js';

const yes = (...codes: (keyof typeof TRAFFICKING_INDICATORS)[]): IndicatorAnswers =>
  Object.fromEntries(codes.map((code) => [code, 'yes']));

describe('the operational indicators', () => {
  it('give every dimension indicators, and a code says its dimension', () => {
    for (const dimension of INDICATOR_DIMENSIONS) {
      expect(TRAFFICKING_INDICATOR_CODES.some((code) => TRAFFICKING_INDICATORS[code].dimension === dimension)).toBe(
        true,
      );
    }
    const prefix = {
      deceptiveRecruitment: 'dr',
      coerciveRecruitment: 'cr',
      recruitmentByAbuseOfVulnerability: 'vr',
      exploitativeConditions: 'ex',
      coercionAtDestination: 'cd',
      abuseOfVulnerabilityAtDestination: 'vd',
    };
    for (const code of TRAFFICKING_INDICATOR_CODES)
      expect(code.startsWith(prefix[TRAFFICKING_INDICATORS[code].dimension])).toBe(true);
  });

  it('establish a dimension by the combination rule: 2 strong, 1 strong + 1 other, 3 medium, or 2 medium + 1 weak', () => {
    expect(dimensionIsPositive('coercionAtDestination', yes('cdDocuments', 'cdViolence'))).toBe(true);
    expect(dimensionIsPositive('coercionAtDestination', yes('cdDocuments', 'cdUnderInfluence'))).toBe(true);
    expect(dimensionIsPositive('coercionAtDestination', yes('cdDocuments', 'cdForcedTasks'))).toBe(true);
    expect(dimensionIsPositive('deceptiveRecruitment', yes('drWages', 'drHousing', 'drTravel'))).toBe(true);
    expect(dimensionIsPositive('deceptiveRecruitment', yes('drWages', 'drHousing', 'drEducation'))).toBe(true);
    // Not enough alone.
    expect(dimensionIsPositive('coercionAtDestination', yes('cdDocuments'))).toBe(false);
    expect(dimensionIsPositive('deceptiveRecruitment', yes('drWages', 'drHousing'))).toBe(false);
    expect(
      dimensionIsPositive('recruitmentByAbuseOfVulnerability', yes('vrDependency', 'vrEconomic', 'vrGeneralContext')),
    ).toBe(false);
    // Another dimension's indicators do not count here.
    expect(dimensionIsPositive('coercionAtDestination', yes('cdDocuments', 'crViolence'))).toBe(false);
  });

  it('count only yes: unknown and no are not evidence', () => {
    expect(
      dimensionIsPositive('coercionAtDestination', { cdDocuments: 'yes', cdViolence: 'unknown', cdIsolation: 'no' }),
    ).toBe(false);
  });

  it('propose a presumed victim when recruitment, exploitation and the means at destination are each established', () => {
    const answers = yes('drNatureOfJob', 'drWages', 'exExcessiveHours', 'exLowPay', 'cdDocuments', 'cdDebtBondage');
    expect(proposeScreeningOutcome(answers)).toEqual({
      proposal: 'presumedVictim',
      positiveDimensions: ['deceptiveRecruitment', 'exploitativeConditions', 'coercionAtDestination'],
    });
    // Abuse of vulnerability stands for coercion, on either side.
    expect(
      proposeScreeningOutcome(
        yes(
          'vrIrregularStatus',
          'vrLackOfEducation',
          'vrDependency',
          'exExcessiveHours',
          'exHazardousWork',
          'vdDependency',
          'vdCommunication',
          'vdEconomic',
        ),
      ).proposal,
    ).toBe('presumedVictim');
  });

  it('propose "not indicated" when one element is missing', () => {
    // Exploitation and coercion, but nothing established about recruitment.
    expect(
      proposeScreeningOutcome(yes('drNatureOfJob', 'exExcessiveHours', 'exLowPay', 'cdDocuments', 'cdDebtBondage')),
    ).toEqual({ proposal: 'notIndicated', positiveDimensions: ['exploitativeConditions', 'coercionAtDestination'] });
    expect(proposeScreeningOutcome({}).proposal).toBe('notIndicated');
  });

  it('refuse an unknown indicator or answer, naming it', () => {
    const parsed = recordScreeningRequestSchema.safeParse({
      screenedOn: '2026-01-05',
      language: 'en',
      answers: { drNatureOfJob: 'maybe' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['answers', 'drNatureOfJob']);
    const unknownCode = recordScreeningRequestSchema.safeParse({
      screenedOn: '2026-01-05',
      language: 'en',
      answers: { notAnIndicator: 'yes' },
    });
    expect(unknownCode.success).toBe(false);
    expect(unknownCode.error!.issues[0]!.path[0]).toBe('answers');
  });
});

describe('the status a decision starts from', () => {
  it('is a possible victim for a presumed victim, and none for "not indicated" (which finds nothing either way)', () => {
    expect(PROPOSED_STATUS.presumedVictim).toBe('PossibleVictimOfTrafficking');
    expect(PROPOSED_STATUS.notIndicated).toBeNull();
  });
});
