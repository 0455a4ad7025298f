import type { MissingItem } from '@haven/contracts';

/**
 * A section of the case page, by its id: each module contributes its own (app/case-page/case-tab.ts). The tab lives
 * in the URL (?tab=notes) so a reload, a bookmark or a link from "my work" opens the same section.
 */
export type CaseTab = string;

export const DEFAULT_CASE_TAB: CaseTab = 'profile';

export function caseTabHref(caseId: string, tab: CaseTab): string {
  return tab === DEFAULT_CASE_TAB ? `/cases/${caseId}` : `/cases/${caseId}?tab=${tab}`;
}

/** Where each item of "still to complete" gets completed. */
export const MISSING_ITEM_TAB: Record<MissingItem, CaseTab> = {
  // The status changes only through a formal decision, recorded on the identification tab.
  'profile.traffickingStatus': 'identification',
  'profile.exploitationTypes': 'profile',
  'consent.assistance': 'consent',
  'assessment.risk': 'assessments',
  'assessment.needs': 'assessments',
  supportPlan: 'plan',
};

/** Where each missing item's text is (`missing.items.<key>`): i18next reads dots as nesting, so the contract's dotted codes get flat keys. */
export const MISSING_ITEM_KEY = {
  'profile.traffickingStatus': 'traffickingStatus',
  'profile.exploitationTypes': 'exploitationTypes',
  'consent.assistance': 'assistanceConsent',
  'assessment.risk': 'riskAssessment',
  'assessment.needs': 'needsAssessment',
  supportPlan: 'supportPlan',
} as const satisfies Record<MissingItem, string>;

/** Navigation state set by links that open a tab on purpose, so focus follows to it. */
export interface FocusTabState {
  focusTab: true;
}

export function wantsTabFocus(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as Partial<FocusTabState>).focusTab === true;
}
