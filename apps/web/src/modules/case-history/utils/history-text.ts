import type { HistoryEntry } from '@haven/contracts';
import type { i18n as I18n, TFunction } from 'i18next';
import { countryName, formatDate, formatList } from '../../../app/text/format';
import { profileField } from '../../cases';

/**
 * The history holds codes only (sections, actions, fields, coded values): these functions put them in words in the
 * reader's language. Every code the API records has a text (history-text.test.tsx walks them all); a code added
 * since is shown in a readable form rather than hidden.
 */

/** The namespaces the words of the history come from: the history tab waits for all of them. */
export const HISTORY_NAMESPACES = [
  'common',
  'caseHistory',
  'cases',
  'tasks',
  'supportPlans',
  'referrals',
  'transfers',
  'shelters',
  'training',
  'reintegration',
  'dataProtection',
  'children',
] as const;

/** A translation by a key built at run time, or undefined when this version has no text for it. */
function known(t: TFunction, i18n: I18n, key: string): string | undefined {
  return i18n.exists(key) ? String(t(key as 'app.name')) : undefined;
}

/** A code nobody has worded yet, made readable ("dischargePlanned" → "Discharge planned"). */
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
  return known(t, i18n, `caseHistory:events.${key}`) ?? humanise(`${entry.section} ${entry.action}`);
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
  // Set by a status decision, not by the profile's edit, so not among the profile's fields.
  traffickingStatus: 'cases:profile.traffickingStatus',
  statusDecidedBy: 'cases:profile.statusDecidedBy',
};

/** Fields whose label depends on the section (a training's status is the enrolment's, an erasure's reason its own). */
const SECTION_FIELD_LABELS: Record<string, Record<string, string>> = {
  training: { status: 'caseHistory:fields.enrolmentStatus' },
  case: { reason: 'caseHistory:fields.erasureReason' },
};

export function historyFieldText(entry: HistoryEntry, t: TFunction, i18n: I18n): string | null {
  if (!entry.field) return null;
  const namespace = SECTION_FIELD_NAMESPACE[entry.section];
  const key = namespace
    ? `${namespace}.${entry.field}`
    : (SECTION_FIELD_LABELS[entry.section]?.[entry.field] ??
      (profileField(entry.field)
        ? `cases:profile.${entry.field}`
        : (FIELD_LABELS[entry.field] ?? `caseHistory:fields.${entry.field}`)));
  return known(t, i18n, key) ?? humanise(entry.field);
}

// Where a coded value's words live, by field (and, for a status, by what it is the status of). A profile
// field's codes are found from its schema (profile-fields.ts).
const VALUE_NAMESPACES: Record<string, string[]> = {
  riskLevel: ['enums.risk'],
  stage: ['enums.stage'],
  reason: ['enums.closureReason'],
  type: ['enums.planType'],
  services: ['enums.serviceType'],
  exitReason: ['shelters:exitReason'],
  shelterKind: ['shelters:kind'],
  dropoutReason: ['training:dropoutReason'],
  outcome: ['training:outcome'],
  dimension: ['reintegration:dimension'],
  traffickingStatus: ['enums.traffickingStatus'],
  statusDecidedBy: ['enums.decisionBody'],
  migrationStatus: ['enums.migrationStatus'],
  permitDecision: ['enums.permitDecision'],
  proposal: ['caseHistory:values.proposal'],
};
const STATUS_NAMESPACES: Record<string, string> = {
  plan: 'enums.planStatus',
  task: 'enums.taskStatus',
  closure: 'enums.status',
  case: 'enums.status',
  referral: 'referrals:statuses',
  training: 'training:status',
  reintegration: 'reintegration:goalStatus',
};
/** Values named by the section and field together. */
const SECTION_VALUE_NAMESPACES: Record<string, string[]> = {
  consent: ['enums.consentState'],
  service: ['enums.serviceOutcome'],
  assessment: ['enums.risk'],
  'case.reason': ['dataProtection:reasons'],
  'referral.consent': ['caseHistory:values.consent'],
  'transfer.consent': ['caseHistory:values.consent'],
  'referral.return': ['caseHistory:values.return'],
  'transfer.return': ['caseHistory:values.return'],
  'protection.return': ['transfers:reviews.decisions'],
  'child.age': ['caseHistory:values.age'],
  'child.assessment': ['children:bestInterests.statuses'],
  'child.determination': ['children:bestInterests.statuses'],
};
/** Values that are dates, whatever the section. */
const DATE_FIELDS = new Set([
  'dueOn',
  'dateOfBirth',
  'plannedDischargeOn',
  'visitedOn',
  'reflectionStartsOn',
  'reflectionEndsOn',
  'permitAppliedOn',
  'permitExpiresOn',
]);
/** Values never shown: an organisation's id says nothing to a reader (the organisation is named elsewhere). */
const UNSHOWN = new Set(['case.organisation']);

function valueNamespaces(entry: HistoryEntry, field: string): string[] {
  // A child's assent beside a consent: its field is the consent's purpose, its value the assent.
  if (entry.section === 'consent' && entry.action === 'assent') return ['children:assent.values'];
  const profile = profileField(field);
  if (profile) return profile.codeTexts ? [profile.codeTexts] : [];
  const bySection = SECTION_VALUE_NAMESPACES[`${entry.section}.${field}`];
  if (bySection) return bySection;
  if (field === 'status') {
    if (entry.section === 'plan' && entry.action.startsWith('goal')) return ['enums.goalStatus'];
    return [STATUS_NAMESPACES[entry.section] ?? 'enums.status'];
  }
  return VALUE_NAMESPACES[field] ?? SECTION_VALUE_NAMESPACES[entry.section] ?? [];
}

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
  if (UNSHOWN.has(`${entry.section}.${field}`)) return null;
  const profile = profileField(field);
  const yesNo = profile?.kind === 'boolean' || field === 'certificateObtained';
  if (yesNo) return value === 'true' ? t('app.yes') : value === 'false' ? t('app.no') : value;
  if (profile?.kind === 'date' || DATE_FIELDS.has(field)) return formatDate(value, language);
  // The API records a list of codes as one value, its codes separated by ", ".
  const parts = value.split(', ');
  if (profile?.kind === 'country' || profile?.kind === 'countries') {
    return formatList(
      parts.map((code) => countryName(code, language)),
      language,
    );
  }
  // A needs assessment is summarised as "area:level" pairs.
  if (entry.section === 'assessment' && field === 'needs') {
    return formatList(
      parts.map((part) => {
        const [area, level] = part.split(':');
        const areaText = known(t, i18n, `enums.needArea.${area}`) ?? area!;
        const levelText = level ? (known(t, i18n, `enums.needLevel.${level}`) ?? level) : '';
        return levelText
          ? String(t('caseHistory:needLevel' as 'app.name', { area: areaText, level: levelText }))
          : areaText;
      }),
      language,
    );
  }
  const namespaces = valueNamespaces(entry, field);
  // Not a code (a shelter's or a programme's name, a number): shown as recorded, never split.
  if (namespaces.length === 0) return value;
  return formatList(
    parts.map((part) => {
      for (const namespace of namespaces) {
        const text = known(t, i18n, `${namespace}.${part}`);
        if (text) return text;
      }
      return part;
    }),
    language,
  );
}
