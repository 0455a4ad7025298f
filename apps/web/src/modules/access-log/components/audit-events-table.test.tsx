import { auditLabelKey, type SystemEvent } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '../../../testing/render';
import { AuditEventsTable } from './audit-events-table';

/** Actions the API records, among them the latest added (return holds, visit corrections, retention runs). */
const ACTIONS = [
  'auth.login',
  'case.identity.read',
  'visit.corrected',
  'referral.return.suspended',
  'referral.return.resumed',
  'transfer.return.suspended',
  'transfer.return.resumed',
  'retention.run',
  'statistics.exported',
] as const;
const SUBJECTS = ['User', 'Organisation', 'Shelter', 'TrainingProgramme', 'StatisticsTable', 'RetentionRun'] as const;

const rows: SystemEvent[] = ACTIONS.map((action, index) => ({
  id: String(index + 1),
  occurredAt: '2026-03-02T09:30:00.000Z',
  actor: {
    id: '00000000-0000-4000-8000-00000000000a',
    displayName: 'Ada',
    role: 'supervisor',
    organisationName: 'Harbour',
  },
  action,
  labelKey: auditLabelKey(action),
  outcome: 'success',
  address: '192.0.2.1',
  reason: null,
  kind: 'system',
  subject: { type: SUBJECTS[index % SUBJECTS.length]!, id: 'x' },
}));

describe('AuditEventsTable', () => {
  it.each(['en', 'fr', 'ar'] as const)(
    'names every action and subject in words, never by its code (%s)',
    async (language) => {
      await renderWithProviders(<AuditEventsTable rows={rows} caption="Events" busy={false} showSubject />, {
        language,
      });
      const table = await screen.findByTestId('audit-events');
      const text = table.textContent ?? '';
      for (const action of ACTIONS) {
        expect(text).not.toContain(action);
        expect(text).not.toContain(auditLabelKey(action));
      }
      // "Organisation" and "Shelter" are also words for them; the other codes are never words.
      const words: Record<string, readonly string[]> = {
        en: ['Organisation', 'Shelter'],
        fr: ['Organisation'],
        ar: [],
      };
      for (const subject of SUBJECTS.filter((code) => !words[language]!.includes(code)))
        expect(within(table).queryByText(subject)).toBeNull();
      if (language === 'ar') {
        // Role and organisation with the Arabic comma; no Latin comma anywhere on an Arabic line.
        expect(within(table).getAllByText(/^\u2068?مشرف\u2069?، /)).toHaveLength(rows.length);
        expect(text).not.toContain(',');
      }
    },
  );
});
