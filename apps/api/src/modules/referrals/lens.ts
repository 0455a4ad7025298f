import { IDENTIFYING_LENS_SECTIONS, type LensSection, type LensView } from '@haven/contracts';
import type { CaseDataContributors } from '../cases/case-data-contributor.js';

/** Sections that reveal who the survivor is (the contract's list): identity access to share, an identity read to see. */
export const IDENTIFYING_SECTIONS: readonly LensSection[] = IDENTIFYING_LENS_SECTIONS;

/**
 * Builds exactly what a referral's recipient sees: each chosen section from the feature that holds it
 * (CaseDataContributor.lensView, one call per feature) and nothing else (minimum necessary,
 * docs/architecture.md, rule 4). The sender's preview uses the same function.
 */
export async function buildLensView(
  caseId: string,
  sections: readonly LensSection[],
  contributors: CaseDataContributors,
  now = new Date(),
): Promise<LensView> {
  const chosen = [...new Set(sections)];
  const owners = contributors.lensOwners(chosen);
  const view: LensView = { sections: chosen };
  for (const contributor of contributors.all()) {
    const own = chosen.filter((section) => owners.get(section) === contributor);
    if (own.length === 0) continue;
    const part = await contributor.lensView!(caseId, own, now);
    // Only the sections asked for are taken, whatever else a feature answers.
    for (const section of own) {
      if (part[section] !== undefined) Object.assign(view, { [section]: part[section] });
    }
  }
  return view;
}
