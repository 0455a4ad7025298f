import type { LensSection, LensView } from '@haven/contracts';
import type { CaseDataContributors } from '../cases/case-data-contributor.js';

/**
 * Sections that reveal who the survivor is: sharing them needs identity access, and reading them is an
 * identity read, audited. Copies of identity documents and photos show who she is as surely as her name.
 */
export const IDENTIFYING_SECTIONS: LensSection[] = [
  'identity',
  'contact',
  'documents',
  'identityDocumentFiles',
  'photoFiles',
];

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
