import type { Readable } from 'node:stream';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { ConsentPurpose, LensSection, LensView } from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import type { AnonymisingActor } from './case-anonymisation.js';

/** One part of a survivor's access-request export: a name in the archive's JSON and a title in its readable document. */
export interface SubjectExportSection {
  name: string;
  title: string;
  content: unknown;
  /** Files that go into the archive beside the data (documents and photos), each opened when it is written. */
  files?: { path: string; open: () => Promise<Readable> }[];
}

/** A consent that was just withdrawn, as the features that shared on it need to know it. */
export interface WithdrawnConsent {
  caseId: string;
  purpose: ConsentPurpose;
  recipientOrganisationId: string | null;
}

/** The sections of a referral's lens view one feature fills (`sections`, the lens itself, is the referral's). */
export type LensViewPart = Partial<Omit<LensView, 'sections'>>;

/**
 * What a feature that holds data about a case does for the rules that reach all of that data
 * (docs/architecture.md, "Features that hold case data"). Each such feature implements it in
 * one class marked `@ContributesCaseData()` and lists it among the module's providers; the
 * class is found at start-up, so the cases and data-protection features depend on no feature.
 */
export interface CaseDataContributor {
  /** The feature's name, as in CASE_DATA_FEATURES. */
  readonly feature: string;
  /** What the feature holds about the survivor, for her access request, read with the caller's own access checks. */
  exportForSubject?(caller: Caller, caseId: string): Promise<SubjectExportSection[]>;
  /**
   * Anonymisation (retention and erasure), first step, before any feature clears its text: ends
   * what the feature still has in progress for the case, so that no step taken at the same
   * moment (a partner's, on a referral it locks) can add text once the text is cleared.
   */
  endOnAnonymisation?(caseId: string, actor: AnonymisingActor): Promise<void>;
  /** Anonymisation, second step: removes the feature's free text and ciphertexts about the case, in the anonymisation's transaction. */
  anonymise?(caseId: string, actor: AnonymisingActor): Promise<void>;
  /** A consent of the case was withdrawn: sharing on it stops in the withdrawal's transaction. */
  onConsentWithdrawn?(caller: Caller, withdrawal: WithdrawnConsent): Promise<void>;
  /**
   * The sections of a referral's lens (LENS_SECTIONS) the feature fills with what it holds; each section
   * belongs to exactly one feature, which is asked for it by `lensView`.
   */
  readonly lensSections?: readonly LensSection[];
  /**
   * What a referral's recipient sees of the case in those of its `lensSections` a lens chose, and nothing
   * else (minimum necessary, rule 4). Read without the caller's access checks: the referrals feature has
   * established that the sender may share these sections, or that the recipient holds an open referral.
   * `now` is the moment the view is built, for what is counted from it (an age).
   */
  lensView?(caseId: string, sections: readonly LensSection[], now: Date): Promise<LensViewPart>;
}

type RequiredStep = 'exportForSubject' | 'anonymise';

/**
 * Every feature that holds data about a case, in the order of the access-request export, with
 * the steps it must contribute: each is exported to the survivor, and each that keeps free
 * text or ciphertexts must clear them on anonymisation. The export and anonymisation refuse to
 * run while one is missing, since a feature left out would keep text or hide data from her.
 * A new feature that holds case data adds itself here and implements CaseDataContributor.
 */
export const CASE_DATA_FEATURES: Readonly<Record<string, readonly RequiredStep[]>> = {
  consents: ['exportForSubject'],
  assessments: ['exportForSubject', 'anonymise'],
  'support-plans': ['exportForSubject', 'anonymise'],
  'service-records': ['exportForSubject', 'anonymise'],
  notes: ['exportForSubject', 'anonymise'],
  placements: ['exportForSubject', 'anonymise'],
  referrals: ['exportForSubject', 'anonymise'],
  training: ['exportForSubject', 'anonymise'],
  reintegration: ['exportForSubject', 'anonymise'],
  protection: ['exportForSubject', 'anonymise'],
  children: ['exportForSubject', 'anonymise'],
  transfers: ['exportForSubject', 'anonymise'],
  tasks: ['exportForSubject', 'anonymise'],
  documents: ['exportForSubject', 'anonymise'],
  identification: ['exportForSubject', 'anonymise'],
  'legal-status': ['exportForSubject'],
};

/** Marks a provider as its feature's CaseDataContributor, to be found at start-up. */
export const ContributesCaseData = DiscoveryService.createDecorator<void>();

/** The contributors of the running application, found at start-up, in the order of CASE_DATA_FEATURES. */
@Injectable()
export class CaseDataContributors implements OnModuleInit {
  private contributors: readonly CaseDataContributor[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  /** Every provider is instantiated before any module is initialised, so all are found here. */
  onModuleInit(): void {
    const found = this.discovery
      .getProviders({ metadataKey: ContributesCaseData.KEY })
      .map((wrapper) => wrapper.instance as CaseDataContributor);
    const order = Object.keys(CASE_DATA_FEATURES);
    const rank = (contributor: CaseDataContributor) =>
      order.includes(contributor.feature) ? order.indexOf(contributor.feature) : order.length;
    this.contributors = [...found].sort((a, b) => rank(a) - rank(b) || a.feature.localeCompare(b.feature));
  }

  all(): readonly CaseDataContributor[] {
    return this.contributors;
  }

  /**
   * The contributor that fills each lens section. Throws if a section has none, or two (which would each
   * decide what the partner sees), so a lens section cannot be shared empty or twice.
   */
  lensOwners(sections: readonly LensSection[]): Map<LensSection, CaseDataContributor> {
    const owners = new Map<LensSection, CaseDataContributor>();
    for (const contributor of this.contributors) {
      for (const section of contributor.lensSections ?? []) {
        const other = owners.get(section);
        if (other)
          throw new Error(`Lens section ${section} is filled by both ${other.feature} and ${contributor.feature}`);
        if (typeof contributor.lensView !== 'function')
          throw new Error(`${contributor.feature} declares lens sections without lensView`);
        owners.set(section, contributor);
      }
    }
    const missing = sections.filter((section) => !owners.has(section));
    if (missing.length) throw new Error(`No feature fills these lens sections: ${missing.join(', ')}`);
    return owners;
  }

  /** Throws unless every feature of CASE_DATA_FEATURES contributes the given step. */
  assertEveryFeatureContributes(step: RequiredStep): void {
    const contributing = new Set(
      this.contributors
        .filter((contributor) => typeof contributor[step] === 'function')
        .map((contributor) => contributor.feature),
    );
    const missing = Object.entries(CASE_DATA_FEATURES)
      .filter(([feature, steps]) => steps.includes(step) && !contributing.has(feature))
      .map(([feature]) => feature);
    if (missing.length)
      throw new Error(`Case data is incomplete without these features' ${step} step: ${missing.join(', ')}`);
  }
}

/** Reads every page of a paged list (the export holds everything, not the first page). */
/** Every item of a list paged by cursor, following nextCursor from the first page to the last. */
export async function readAllCursorPages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: string | undefined; ; ) {
    const result = await read(cursor);
    items.push(...result.items);
    if (!result.nextCursor) return items;
    cursor = result.nextCursor;
  }
}

export async function readAllPages<T>(read: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const result = await read(page);
    items.push(...result.items);
    if (result.items.length === 0 || items.length >= result.total) return items;
  }
}
