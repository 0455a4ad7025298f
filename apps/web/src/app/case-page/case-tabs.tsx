import type { CaseDetail } from '@haven/contracts';
import { Tabs } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { useAppAbility } from '../../modules/auth';
import { DEFAULT_CASE_TAB, wantsTabFocus } from '../../modules/cases';
import { SectionLoader } from '../layout/section-states';
import type { CaseTabPanel } from './case-tab';
import { REGISTERED_CASE_TABS } from './registered-tabs';

// Each tab is its own chunk, fetched when first opened.
const TAB_PANELS: ReadonlyMap<string, CaseTabPanel> = new Map(
  REGISTERED_CASE_TABS.map((tab) => [tab.id, lazy(() => tab.load().then((panel) => ({ default: panel })))]),
);

const TABS_ID = 'case-tabs';

/**
 * The namespaces the tabs' labels come from (`labelKey: 'shelters:caseTab'`): asked for together, so that a
 * module whose texts are fetched on demand (app/i18n/catalogues.ts) has them before its label is shown.
 */
const TAB_LABEL_NAMESPACES = [
  'common',
  ...new Set(REGISTERED_CASE_TABS.flatMap((tab) => (tab.labelKey.includes(':') ? [tab.labelKey.split(':')[0]] : []))),
];

/**
 * The case's sections as WAI-ARIA tabs (arrow keys move between them, Tab moves into the panel). Only the open
 * tab is mounted, so a tab's data (and the identity above all) is fetched only when someone looks at it.
 */
export function CaseTabs({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  // Waits (Suspense) until every tab's namespace is there; the labels are then read through `t` by their full key.
  useTranslation(TAB_LABEL_NAMESPACES as never);
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const ability = useAppAbility();
  // A tab the caller may not see (or one that does not exist) in the URL opens the default one.
  const tabs = REGISTERED_CASE_TABS.filter((entry) => entry.isAvailable?.(ability, detail) ?? true);
  const requested = params.get('tab');
  const tab = tabs.some((entry) => entry.id === requested) ? requested! : DEFAULT_CASE_TAB;

  const select = (value: string | null) => {
    if (!value) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === DEFAULT_CASE_TAB) next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      // Switching tabs is not a new page: Back leaves the case rather than stepping through its tabs.
      { replace: true },
    );
  };

  // Links that open a tab on purpose ("still to complete") move focus to it, so keyboard and screen-reader
  // users land where the work is instead of at the top of the page.
  useEffect(() => {
    if (wantsTabFocus(location.state)) document.getElementById(`${TABS_ID}-tab-${tab}`)?.focus();
  }, [location.key, location.state, tab]);

  return (
    <Tabs id={TABS_ID} value={tab} onChange={select} keepMounted={false} variant="outline">
      <Tabs.List aria-label={t('casePage.tabs')}>
        {tabs.map((entry) => (
          <Tabs.Tab key={entry.id} value={entry.id}>
            {t(entry.labelKey as never)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((entry) => {
        const Panel = TAB_PANELS.get(entry.id)!;
        return (
          <Tabs.Panel key={entry.id} value={entry.id} pt="lg">
            <Suspense fallback={<SectionLoader />}>
              <Panel detail={detail} />
            </Suspense>
          </Tabs.Panel>
        );
      })}
    </Tabs>
  );
}
