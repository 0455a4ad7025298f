import { Injectable } from '@nestjs/common';
import type { LensSection } from '@haven/contracts';
import { ContributesCaseData, type CaseDataContributor, type LensViewPart } from './case-data-contributor.js';
import { CaseAccess } from './kernel/case-access.service.js';

/** The sections of a referral's lens read from the case itself and its sealed identity. */
const CASE_LENS_SECTIONS = [
  'basicProfile',
  'identity',
  'contact',
  'documents',
  'riskSummary',
  'traffickingProfile',
] as const satisfies readonly LensSection[];
/** Of those, the ones that open the sealed identity. */
const FROM_IDENTITY: readonly LensSection[] = ['basicProfile', 'identity', 'contact', 'documents'];

const YEAR_MS = 365.25 * 86_400_000;

/**
 * What the case itself (the case kernel: the case row and the survivor's identity) shows through a
 * referral's lens. Its access export and anonymisation are the data-protection services' own, so it
 * contributes the lens only and is not one of CASE_DATA_FEATURES.
 */
@Injectable()
@ContributesCaseData()
export class CasesCaseData implements CaseDataContributor {
  readonly feature = 'cases';
  readonly lensSections = CASE_LENS_SECTIONS;

  constructor(private readonly caseAccess: CaseAccess) {}

  async lensView(caseId: string, sections: readonly LensSection[], now: Date): Promise<LensViewPart> {
    const chosen = new Set(sections);
    const { found, identity: openIdentity } = await this.caseAccess.forSharing(caseId);
    // The identity is opened once, and only when a chosen section needs it.
    const identity = FROM_IDENTITY.some((section) => chosen.has(section)) ? await openIdentity() : undefined;
    const view: LensViewPart = {};
    if (chosen.has('basicProfile')) {
      const yearsSinceRegistration = Math.floor((now.getTime() - found.registeredAt.getTime()) / YEAR_MS);
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
    if (chosen.has('riskSummary')) view.riskSummary = { riskLevel: found.riskLevel };
    if (chosen.has('traffickingProfile')) {
      view.traffickingProfile = {
        exploitationTypes: found.exploitationTypes,
        traffickingStatus: found.profile.traffickingStatus ?? null,
      };
    }
    return view;
  }
}
