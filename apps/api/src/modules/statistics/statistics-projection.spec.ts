import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  isVictim,
  placementLengthBandOf,
  projectCases,
  referralOutcomeOf,
  responseBandOf,
  scoreBandOf,
  trainingCompletionOf,
  type SourceFacts,
} from './statistics-projection.js';

const keys = {
  rowKey: (id: string) => createHmac('sha256', 'row').update(id).digest(),
  personKey: (id: string) => createHmac('sha256', 'person').update(id).digest(),
};
const CASE = '6f1c2a4e-0000-4000-8000-000000000001';
const ROOT = '6f1c2a4e-0000-4000-8000-000000000000';

const facts = (): SourceFacts => ({
  cases: [
    {
      caseId: CASE,
      rootId: ROOT,
      organisationId: 'a1a1a1a1-0000-4000-8000-000000000000',
      consented: true,
      newCase: false,
      registeredMonth: '2026-03',
      ageAtRegistration: 17,
      sex: 'Feminine',
      nationality: 'ng',
      exploitationTypes: ['SexualExploitation', 'ForcedLabour', 'SexualExploitation', 'Unheard'],
      status: 'Active',
      traffickingStatus: null,
      returned: true,
    },
  ],
  services: [
    { caseId: CASE, month: '2026-04', type: 'medical' },
    { caseId: CASE, month: '2026-03', type: 'somethingNew' },
    { caseId: 'not-projected', month: '2026-03', type: 'legal' },
  ],
  referrals: [{ caseId: CASE, sentMonth: '2026-03', status: 'completed', responseDays: 1, closedMonth: '2026-05' }],
  placements: [
    {
      caseId: CASE,
      organisationId: 'b2',
      startedMonth: '2026-03',
      firstCensusMonth: '2026-04',
      lastCensusMonth: '2026-03',
      endedMonth: '2026-04',
      lengthDays: 20,
    },
    {
      caseId: CASE,
      organisationId: 'b2',
      startedMonth: '2026-05',
      firstCensusMonth: '2026-05',
      lastCensusMonth: null,
      endedMonth: null,
      lengthDays: null,
    },
  ],
  enrolments: [
    {
      caseId: CASE,
      startedMonth: '2026-04',
      status: 'completed',
      certificate: false,
      completedMonth: '2026-06',
      outcome: 'employed',
      outcomeMonth: null,
    },
  ],
  visits: [
    { caseId: CASE, visitedMonth: '2026-07', economic: 2, social: 3, psychosocial: 3 },
    { caseId: CASE, visitedMonth: '2026-08', economic: 4, social: null, psychosocial: 5 },
  ],
});

describe('the anonymised projection', () => {
  it('generalises a case to coarse codes, keyed by keyed hashes only', () => {
    const rows = projectCases(facts(), keys);
    expect(rows.cases).toEqual([
      {
        rowKey: keys.rowKey(CASE),
        personKey: keys.personKey(ROOT),
        organisationId: 'a1a1a1a1-0000-4000-8000-000000000000',
        consented: true,
        newCase: false,
        registeredMonth: '2026-03',
        ageBand: '9-17',
        sex: 'Feminine',
        nationality: 'NG',
        region: 'Western Africa',
        exploitationTypes: ['ForcedLabour', 'Other', 'SexualExploitation'],
        status: 'Active',
        victim: true,
        returned: true,
      },
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(CASE);
    expect(text).not.toContain(ROOT);
  });

  it('projects the rows of the case and ignores facts of cases not being projected', () => {
    const rows = projectCases(facts(), keys);
    expect(rows.services.map(({ seq, month, assistanceType }) => [seq, month, assistanceType])).toEqual([
      [1, '2026-03', 'other'],
      [2, '2026-04', 'medical'],
    ]);
    expect(rows.referrals).toEqual([
      {
        rowKey: keys.rowKey(CASE),
        seq: 1,
        sentMonth: '2026-03',
        outcome: 'completed',
        responseBand: 'within2Days',
        completedMonth: '2026-05',
      },
    ]);
    // The first stay covers no census day (it began after the 15th and ended before the next).
    expect(
      rows.placements.map(({ firstCensusMonth, lastCensusMonth, ongoing, lengthBand }) => ({
        firstCensusMonth,
        lastCensusMonth,
        ongoing,
        lengthBand,
      })),
    ).toEqual([
      { firstCensusMonth: null, lastCensusMonth: null, ongoing: false, lengthBand: 'under1Month' },
      { firstCensusMonth: '2026-05', lastCensusMonth: null, ongoing: true, lengthBand: null },
    ]);
    expect(rows.enrolments).toEqual([
      {
        rowKey: keys.rowKey(CASE),
        seq: 1,
        startedMonth: '2026-04',
        completion: 'completedWithoutCertificate',
        completedMonth: '2026-06',
        outcome: 'employed',
        outcomeMonth: '2026-06',
      },
    ]);
    expect(rows.followUps.map((row) => [row.visitedMonth, row.scoreBand])).toEqual([
      ['2026-07', '2-2.9'],
      ['2026-08', null],
    ]);
  });

  it('numbers rows by their content, so the order facts arrive in changes nothing', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(facts().services, { minLength: 2, maxLength: 3 }), (services) => {
        const projected = projectCases({ ...facts(), services }, keys);
        const reversed = projectCases({ ...facts(), services: [...services].reverse() }, keys);
        expect(reversed.services).toEqual(projected.services);
      }),
    );
  });

  it('bands response times, stay lengths, scores and training', () => {
    expect([null, 0, 2, 3, 7, 8, 30, 31].map(responseBandOf)).toEqual([
      'noResponseYet',
      'within2Days',
      'within2Days',
      '3to7Days',
      '3to7Days',
      '8to30Days',
      '8to30Days',
      'over30Days',
    ]);
    expect([0, 29, 30, 90, 91, 182, 183, 365, 366].map(placementLengthBandOf)).toEqual([
      'under1Month',
      'under1Month',
      '1to3Months',
      '1to3Months',
      '3to6Months',
      '3to6Months',
      '6to12Months',
      '6to12Months',
      '12MonthsOrMore',
    ]);
    expect(scoreBandOf({ economic: 1, social: 1, psychosocial: 3 })).toBe('1-1.9');
    expect(scoreBandOf({ economic: 5, social: 4, psychosocial: 3 })).toBe('4-5');
    expect(referralOutcomeOf('sent')).toBe('awaitingResponse');
    expect(trainingCompletionOf('attending', false)).toBe('inTraining');
    expect(trainingCompletionOf('completed', true)).toBe('completedWithCertificate');
    expect(isVictim({ traffickingStatus: 'NotAVictimOfTrafficking', exploitationTypes: ['ForcedLabour'] })).toBe(false);
    expect(isVictim({ traffickingStatus: 'PossibleVictimOfTrafficking', exploitationTypes: [] })).toBe(true);
    expect(isVictim({ traffickingStatus: null, exploitationTypes: [] })).toBe(false);
  });
});
