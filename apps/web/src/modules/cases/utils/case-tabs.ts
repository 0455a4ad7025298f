import type { MissingItem } from '@haven/contracts';

/** The sections of a case page, in the order a caseworker usually works through them. */
export const CASE_TABS = ['profile', 'identity', 'consent', 'assessments', 'plan', 'services', 'notes', 'tasks', 'history', 'referrals', 'placement', 'training', 'reintegration', 'access-log', 'dataProtection'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export const DEFAULT_CASE_TAB: CaseTab = 'profile';

/** The tab lives in the URL (?tab=notes) so a reload, a bookmark or a link from "my work" opens the same section. */
export function readCaseTab(params: URLSearchParams): CaseTab {
  const value = params.get('tab');
  return CASE_TABS.includes(value as CaseTab) ? (value as CaseTab) : DEFAULT_CASE_TAB;
}

export function caseTabHref(caseId: string, tab: CaseTab): string {
  return tab === DEFAULT_CASE_TAB ? `/cases/${caseId}` : `/cases/${caseId}?tab=${tab}`;
}

/** Where each item of "still to complete" gets completed. */
export const MISSING_ITEM_TAB: Record<MissingItem, CaseTab> = {
  'profile.traffickingStatus': 'profile',
  'profile.exploitationTypes': 'profile',
  'consent.assistance': 'consent',
  'assessment.risk': 'assessments',
  'assessment.needs': 'assessments',
  supportPlan: 'plan',
};

/** Navigation state set by links that open a tab on purpose, so focus follows to it. */
export interface FocusTabState {
  focusTab: true;
}

export function wantsTabFocus(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as Partial<FocusTabState>).focusTab === true;
}
