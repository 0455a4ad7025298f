import type { AppAbility } from '@haven/access';
import type { CaseDetail } from '@haven/contracts';
import type { ComponentType } from 'react';

export type CaseTabPanel = ComponentType<{ detail: CaseDetail }>;

/**
 * A section of the case page, contributed by the module that owns its work (each module's `case-tab.ts`), so the
 * case page knows no feature and a new feature adds its tab without touching cases. The list of contributions is
 * app/case-page/registered-tabs.ts.
 */
export interface CaseTabDefinition {
  /** The tab's value in the URL (`?tab=notes`), which links elsewhere name too (`caseTabHref`). */
  id: string;
  /** Its place among the tabs, lowest first: the order a caseworker usually works through them. */
  order: number;
  /** The translation key of its label, shown before the panel (and the panel's own texts) is fetched. */
  labelKey: string;
  /** The panel, fetched as its own chunk when the tab is first opened: most visits use two or three of them. */
  load: () => Promise<CaseTabPanel>;
  /** Who sees the tab; without it, everyone who may open the case does. */
  isAvailable?: (ability: AppAbility, detail: CaseDetail) => boolean;
}
