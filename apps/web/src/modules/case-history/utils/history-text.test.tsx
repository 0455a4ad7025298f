import type { HistoryEntry } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { changeLanguage, i18n, type LanguageCode } from '../../../app/i18n/i18n';
import { HISTORY_NAMESPACES, historyEventText, historyFieldText, historyValueText } from './history-text';

const entry = (section: string, action: string, field?: string) =>
  ({ section, action, field: field ?? null }) as unknown as HistoryEntry;

async function inLanguage(language: LanguageCode) {
  await changeLanguage(language);
  await i18n.loadNamespaces([...HISTORY_NAMESPACES]);
  const t = i18n.t.bind(i18n);
  return {
    event: (section: string, action: string) => historyEventText(entry(section, action), t, i18n),
    field: (section: string, action: string, field: string) => historyFieldText(entry(section, action, field), t, i18n),
    value: (section: string, action: string, field: string, value: string) =>
      historyValueText(entry(section, action, field), value, t, i18n, language),
  };
}

/**
 * Every change the API records in a case's history (the `recordChanges` calls of apps/api/src/modules): section,
 * action, field and, where the value is a code, a code it can hold.
 */
const RECORDED: readonly (readonly [string, string, string?, string?])[] = [
  ['case', 'registered'],
  ['case', 'updated', 'riskLevel', 'high'],
  ['case', 'updated', 'status', 'FollowUp'],
  ['case', 'received', 'organisation'],
  ['case', 'erased', 'reason', 'survivorRequest'],
  ['profile', 'updated', 'traffickingStatus', 'ActualVictimOfTrafficking'],
  ['identity', 'updated', 'givenName'],
  ['assignment', 'assigned', 'assignee'],
  ['closure', 'requested', 'reason', 'lostContact'],
  ['closure', 'approved', 'status', 'Closed'],
  ['closure', 'rejected'],
  ['closure', 'reopened', 'status', 'Active'],
  ['closure', 'transferred', 'status', 'ClosedReferred'],
  ['consent', 'recorded', 'assistance', 'granted'],
  ['consent', 'withdrawn', 'referral', 'withdrawn'],
  ['consent', 'assent', 'referral', 'refused'],
  ['assessment', 'recorded', 'risk', 'high'],
  ['plan', 'goal.added', 'type', 'Livelihood'],
  ['plan', 'goal.updated', 'status', 'achieved'],
  ['plan', 'goal.updated', 'objective'],
  ['plan', 'submitted', 'status', 'submitted'],
  ['plan', 'approved', 'status', 'approved'],
  ['plan', 'returned', 'status', 'returned'],
  ['plan', 'reopened', 'status', 'draft'],
  ['service', 'recorded', 'medical', 'completed'],
  ['note', 'added'],
  ['note', 'edited'],
  ['task', 'added', 'dueOn'],
  ['task', 'updated', 'title'],
  ['task', 'updated', 'status', 'done'],
  ['task', 'updated', 'assignee'],
  ['document', 'added'],
  ['referral', 'sent', 'services', 'medical'],
  ['referral', 'consent.overridden', 'consent', 'overridden'],
  ['referral', 'accepted', 'status', 'accepted'],
  ['referral', 'declined', 'status', 'declined'],
  ['referral', 'completed', 'status', 'completed'],
  ['referral', 'withdrawn', 'status', 'withdrawn'],
  ['referral', 'return.suspended', 'return', 'suspended'],
  ['referral', 'return.resumed', 'return', 'resumed'],
  ['transfer', 'proposed', 'organisation'],
  ['transfer', 'consent.overridden', 'consent', 'overridden'],
  ['transfer', 'cancelled'],
  ['transfer', 'rejected'],
  ['transfer', 'return.suspended', 'return', 'suspended'],
  ['transfer', 'return.resumed', 'return', 'resumed'],
  ['protection', 'reviewed', 'return', 'returnBlocked'],
  ['placement', 'placed', 'shelter'],
  ['placement', 'moved', 'shelter'],
  ['placement', 'dischargePlanned', 'plannedDischargeOn'],
  ['placement', 'discharged', 'exitReason', 'leftVoluntarily'],
  ['placement', 'kindOverridden', 'shelterKind', 'women'],
  ['training', 'enrolled', 'programme'],
  ['training', 'waitlisted', 'programme'],
  ['training', 'enrolment.promoted', 'status', 'enrolled'],
  ['training', 'enrolment.updated', 'status', 'droppedOut'],
  ['training', 'enrolment.updated', 'dropoutReason', 'foundWork'],
  ['training', 'enrolment.updated', 'sessionsAttended'],
  ['training', 'enrolment.updated', 'sessionsTotal'],
  ['training', 'enrolment.updated', 'attendance'],
  ['training', 'enrolment.updated', 'followUp'],
  ['training', 'enrolment.updated', 'certificateObtained', 'true'],
  ['training', 'enrolment.updated', 'outcome', 'selfEmployed'],
  ['reintegration', 'goal.added', 'dimension', 'psychosocial'],
  ['reintegration', 'goal.updated', 'status', 'inProgress'],
  ['reintegration', 'goal.updated', 'goal'],
  ['reintegration', 'goal.updated', 'assistance'],
  ['reintegration', 'visit.scheduled', 'monthsAfter'],
  ['reintegration', 'visit.recorded', 'visitedOn'],
  ['reintegration', 'visit.corrected', 'visitedOn'],
  ['identification', 'screened', 'proposal', 'presumedVictim'],
  ['identification', 'decided', 'traffickingStatus', 'PossibleVictimOfTrafficking'],
  ['profile', 'decided', 'traffickingStatus', 'NotAVictimOfTrafficking'],
  ['profile', 'decided', 'statusDecidedBy', 'CourtOrProsecution'],
  ['profile', 'updated', 'incomingReferralSource', 'LabourInspection'],
  ['legalStatus', 'updated', 'migrationStatus', 'AsylumSeeker'],
  ['legalStatus', 'updated', 'reflectionStartsOn'],
  ['legalStatus', 'updated', 'reflectionEndsOn'],
  ['legalStatus', 'updated', 'permitAppliedOn'],
  ['legalStatus', 'updated', 'permitDecision', 'granted'],
  ['legalStatus', 'updated', 'permitExpiresOn'],
  ['child', 'guardian.appointed', 'guardian'],
  ['child', 'age.assessed', 'age', 'disputed'],
  ['child', 'views.recorded', 'views'],
  ['child', 'assessment.recorded', 'assessment', 'recorded'],
  ['child', 'determination.recorded', 'determination', 'pendingApproval'],
  ['child', 'determination.approved', 'determination', 'approved'],
  ['child', 'determination.rejected', 'determination', 'rejected'],
  ['child', 'determination.revoked', 'determination', 'revoked'],
];

describe('history texts', () => {
  it.each(['en', 'fr', 'ar'] as const)(
    'names every recorded event, field and coded value in words, never by its code (%s)',
    async (language) => {
      const texts = await inLanguage(language);
      const unnamed: string[] = [];
      for (const [section, action, field, value] of RECORDED) {
        const event = texts.event(section, action);
        const eventKey = `caseHistory:events.${`${section}_${action}`.replace(/\./g, '_')}`;
        if (!i18n.exists(eventKey) || (language === 'ar' && /[A-Za-z]/.test(event)))
          unnamed.push(`event ${section}.${action}`);
        // A field's label may be spelt like its code in English or French ("Services"): a field without a text shows
        // in Latin letters on an Arabic page, and every language holds the same keys (app/i18n/translations.spec.ts).
        if (field && language === 'ar' && /[A-Za-z]/.test(texts.field(section, action, field) ?? ''))
          unnamed.push(`field ${section}.${field}`);
        if (field && value) {
          const valueText = texts.value(section, action, field, value) ?? '';
          // A code spelt as a word ("Closed") may be its own English label; a camel-cased or lower-case one never is.
          const shownAsCode =
            language === 'ar' ? /[A-Za-z]/.test(valueText) : valueText.includes(value) && !/^[A-Z][a-z]+$/.test(value);
          if (shownAsCode) unnamed.push(`value ${section}.${field}=${value}`);
        }
      }
      expect(unnamed).toEqual([]);
    },
  );

  it('says the enrolment change the brief names, "waitingList → enrolled", in words', async () => {
    const expected = { en: ['Waiting list', 'Enrolled'], fr: ["Liste d'attente", 'Inscrit'] } as const;
    for (const language of ['en', 'fr'] as const) {
      const texts = await inLanguage(language);
      const words = ['waitingList', 'enrolled'].map((code) =>
        texts.value('training', 'enrolment.promoted', 'status', code),
      );
      expect(words[0]).toBe(expected[language][0]);
      expect(words[1]).toMatch(new RegExp(`^${expected[language][1]}`));
    }
  });

  it('lists several codes with the separators of the language: a comma in English, the Arabic comma in Arabic', async () => {
    const english = await inLanguage('en');
    expect(english.value('profile', 'updated', 'controlMethods', 'DebtBondage, FalsePromises')).toBe(
      'Debt bondage, False promises',
    );
    expect(english.value('profile', 'updated', 'transitCountries', 'NE, LY')).toBe('Niger, Libya');
    const arabic = await inLanguage('ar');
    const countries = arabic.value('profile', 'updated', 'transitCountries', 'NE, LY, TN')!;
    expect(countries).toContain('\u060c');
    expect(countries).not.toContain(',');
  });

  it('shows a name as recorded, never split at its commas, and an organisation id not at all', async () => {
    const texts = await inLanguage('fr');
    expect(texts.value('placement', 'placed', 'shelter', 'Maison A, aile B')).toBe('Maison A, aile B');
    expect(texts.value('case', 'received', 'organisation', '00000000-0000-4000-8000-000000000001')).toBeNull();
  });

  it('names each profile field by its label and says its value in words', async () => {
    const texts = await inLanguage('en');
    expect([texts.field('case', 'updated', 'sex'), texts.value('case', 'updated', 'sex', 'Feminine')]).toEqual([
      'Sex',
      'Female',
    ]);
    expect(texts.value('case', 'updated', 'sensitive', 'true')).toBe('Yes');
    expect(texts.field('case', 'updated', 'ageWhenTrafficked')).toBe('Age when trafficked');
    expect(texts.value('case', 'updated', 'riskLevel', 'high')).toBe('High');
  });
});
