import type { LensSection, LensView, NeedArea, NeedLevel } from '@haven/contracts';
import type { CaseEntity } from '../cases/case.entity.js';
import type { IdentityPayload } from '../cases/kernel/case-vault.service.js';

/** Sections that reveal who the survivor is: reading them is an identity read, audited. */
export const IDENTIFYING_SECTIONS: LensSection[] = ['identity', 'contact', 'documents'];
const NEEDS_IN: Partial<Record<LensSection, NeedArea[]>> = {
  healthNeeds: ['medical', 'psychosocial'],
  legalNeeds: ['legal', 'documentation'],
};

export interface LensSources {
  found: CaseEntity;
  identity: () => Promise<IdentityPayload>;
  needs: () => Promise<{ area: NeedArea; level: NeedLevel }[]>;
}

/**
 * Builds exactly what a referral's recipient sees: each chosen section and nothing
 * else (minimum necessary, docs/architecture.md, rule 4). The sender's preview uses the same function.
 */
export async function buildLensView(
  sections: LensSection[],
  sources: LensSources,
  now = new Date(),
): Promise<LensView> {
  const chosen = new Set(sections);
  const needsIdentity = ['basicProfile', 'identity', 'contact', 'documents'].some((section) =>
    chosen.has(section as LensSection),
  );
  const identity = needsIdentity ? await sources.identity() : undefined;
  const needs = chosen.has('healthNeeds') || chosen.has('legalNeeds') ? await sources.needs() : [];
  const { found } = sources;
  const yearsSinceRegistration = Math.floor((now.getTime() - found.registeredAt.getTime()) / (365.25 * 86_400_000));
  const view: LensView = { sections: [...chosen] };
  if (chosen.has('basicProfile')) {
    view.basicProfile = {
      sex: found.sex,
      ageAtReferral: found.ageAtRegistration === null ? null : found.ageAtRegistration + yearsSinceRegistration,
      nationality: found.nationality,
      languages: identity!.languages,
    };
  }
  if (chosen.has('identity')) {
    view.identity = {
      givenName: identity!.givenName,
      familyName: identity!.familyName,
      aliases: identity!.aliases,
      dateOfBirth: identity!.dateOfBirth,
    };
  }
  if (chosen.has('contact')) view.contact = identity!.contact;
  if (chosen.has('documents')) {
    // Document numbers never travel; the kind and state are what a partner needs to help replace them.
    view.documents = identity!.documents.map((document) => ({
      kind: document.kind,
      state: document.state,
      ...(document.issuingCountry ? { issuingCountry: document.issuingCountry } : {}),
    }));
  }
  for (const section of ['healthNeeds', 'legalNeeds'] as const) {
    if (chosen.has(section)) view[section] = needs.filter((need) => NEEDS_IN[section]!.includes(need.area));
  }
  if (chosen.has('riskSummary')) view.riskSummary = { riskLevel: found.riskLevel };
  if (chosen.has('traffickingProfile')) {
    view.traffickingProfile = {
      exploitationTypes: found.exploitationTypes,
      traffickingStatus: found.profile.traffickingStatus ?? null,
    };
  }
  return view;
}
