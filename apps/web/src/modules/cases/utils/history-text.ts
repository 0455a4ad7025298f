import type { HistoryEntry } from '@haven/contracts';
import type { i18n as I18n, TFunction } from 'i18next';
import { countryName, formatDate } from '../../../app/text/format';
import { profileField } from './profile-fields';

/** A translation by a key built at run time, or undefined when this version has no text for it. */
function known(t: TFunction, i18n: I18n, key: string): string | undefined {
  return i18n.exists(key) ? String(t(key as 'app.name')) : undefined;
}

function humanise(code: string): string {
  const words = code
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What happened, e.g. "Closure requested", from the entry's section and action. */
export function historyEventText(entry: HistoryEntry, t: TFunction, i18n: I18n): string {
  const key = `${entry.section}_${entry.action}`.replace(/\./g, '_');
  return known(t, i18n, `cases:history.events.${key}`) ?? humanise(`${entry.section} ${entry.action}`);
}

// Fields named by the section they belong to: a consent's field is its purpose, a service's its type.
const SECTION_FIELD_NAMESPACE: Record<string, string> = {
  consent: 'enums.consentPurpose',
  assessment: 'enums.assessmentType',
  service: 'enums.serviceType',
};

/** Labels of the fields that are not the profile's (a profile field's label is `cases:profile.<field>`). */
const FIELD_LABELS: Record<string, string> = {
  riskLevel: 'cases:detail.risk',
  stage: 'cases:detail.stage',
  status: 'cases:detail.status',
  assignee: 'cases:detail.assignee',
  reason: 'cases:closure.reason',
  givenName: 'cases:identity.givenName',
  familyName: 'cases:identity.familyName',
  aliases: 'cases:identity.aliases',
  dateOfBirth: 'cases:identity.dateOfBirth',
  estimatedAge: 'cases:identity.estimatedAge',
  languages: 'cases:identity.languages',
  contact: 'cases:identity.contactSection',
  documents: 'cases:identity.documents',
  dueOn: 'tasks:dueOn',
  title: 'tasks:titleLabel',
  objective: 'supportPlans:objective',
  type: 'supportPlans:goalType',
};

export function historyFieldText(entry: HistoryEntry, t: TFunction, i18n: I18n): string | null {
  if (!entry.field) return null;
  const namespace = SECTION_FIELD_NAMESPACE[entry.section];
  const key = namespace
    ? `${namespace}.${entry.field}`
    : profileField(entry.field)
      ? `cases:profile.${entry.field}`
      : FIELD_LABELS[entry.field];
  return (key && known(t, i18n, key)) ?? humanise(entry.field);
}

// Where a coded value's words live, by field (and, for a status, by what it is the status of). A profile
// field's codes are found from its schema (profile-fields.ts).
const VALUE_NAMESPACES: Record<string, string[]> = {
  riskLevel: ['enums.risk'],
  stage: ['enums.stage'],
  reason: ['enums.closureReason'],
  type: ['enums.planType'],
};
const STATUS_NAMESPACES: Record<string, string> = {
  plan: 'enums.planStatus',
  task: 'enums.taskStatus',
  closure: 'enums.status',
  case: 'enums.status',
};
const SECTION_VALUE_NAMESPACES: Record<string, string[]> = {
  consent: ['enums.consentState'],
  service: ['enums.serviceOutcome'],
  assessment: ['enums.risk'],
};

/** A coded value in words ("planning" → "Planning"); lists of codes are translated one by one. */
export function historyValueText(
  entry: HistoryEntry,
  value: string | null,
  t: TFunction,
  i18n: I18n,
  language: string,
): string | null {
  if (value === null || value === '') return null;
  const field = entry.field ?? '';
  const profile = profileField(field);
  if (profile?.kind === 'boolean') return value === 'true' ? t('app.yes') : value === 'false' ? t('app.no') : value;
  if (profile?.kind === 'date' || field === 'dueOn' || field === 'dateOfBirth') return formatDate(value, language);
  const parts = value.split(', ');
  if (profile?.kind === 'country' || profile?.kind === 'countries') {
    return parts.map((code) => countryName(code, language)).join(', ');
  }
  const namespaces = profile
    ? profile.codeTexts
      ? [profile.codeTexts]
      : []
    : field === 'status' && entry.section === 'plan' && entry.action.startsWith('goal')
      ? ['enums.goalStatus']
      : field === 'status'
        ? [STATUS_NAMESPACES[entry.section] ?? 'enums.status']
        : (VALUE_NAMESPACES[field] ?? SECTION_VALUE_NAMESPACES[entry.section] ?? []);
  // A needs assessment is summarised as "area:level" pairs.
  if (entry.section === 'assessment' && field === 'needs') {
    return parts
      .map((part) => {
        const [area, level] = part.split(':');
        const areaText = known(t, i18n, `enums.needArea.${area}`) ?? area;
        const levelText = level ? (known(t, i18n, `enums.needLevel.${level}`) ?? level) : '';
        return levelText ? `${areaText}: ${levelText}` : areaText;
      })
      .join(', ');
  }
  return parts
    .map((part) => {
      for (const namespace of namespaces) {
        const text = known(t, i18n, `${namespace}.${part}`);
        if (text) return text;
      }
      return part;
    })
    .join(', ');
}
