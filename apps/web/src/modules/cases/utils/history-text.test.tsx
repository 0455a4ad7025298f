import type { HistoryEntry } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { changeLanguage, i18n } from '../../../app/i18n/i18n';
import { historyFieldText, historyValueText } from './history-text';

const entry = (section: string, field: string) => ({ section, action: 'updated', field }) as unknown as HistoryEntry;

describe('history texts of the profile, from its fields', () => {
  it('names each profile field by its label and says its value in words', async () => {
    await changeLanguage('en');
    const t = i18n.t.bind(i18n);
    const text = (field: string, value: string) => [
      historyFieldText(entry('case', field), t, i18n),
      historyValueText(entry('case', field), value, t, i18n, 'en'),
    ];
    expect(text('sex', 'Feminine')).toEqual(['Sex', 'Female']);
    expect(text('sensitive', 'true')).toEqual(['Sensitive case', 'Yes']);
    expect(text('controlMethods', 'DebtBondage, FalsePromises')).toEqual([
      'Means of control',
      'Debt bondage, False promises',
    ]);
    expect(text('transitCountries', 'NE, LY')).toEqual(['Countries of transit', 'Niger, Libya']);
    expect(text('ageWhenTrafficked', '17')).toEqual(['Age when trafficked', '17']);
    // Fields of other sections keep their own labels and words.
    expect(text('riskLevel', 'high')).toEqual(['Risk', 'High']);
  });
});
