import { Injectable } from '@nestjs/common';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { NotFoundError } from '../../core/errors/problem.js';
import { CaseAnonymisedError } from './case-anonymisation.js';
import { CasesRepository } from './cases.repository.js';

/** Seals and opens one case's free text under its data key. */
export interface CaseSealer {
  seal(purpose: string, value: string): Buffer;
  open(purpose: string, sealed: Buffer): string;
  openOrNull(purpose: string, sealed: Buffer | null): string | null;
}

/**
 * The one place that turns a case's data key into readable text, for every feature
 * that stores free text about a case (notes, assessments, plans, services, tasks).
 * The purpose and the case id are bound into each ciphertext as associated data.
 */
@Injectable()
export class CaseVault {
  constructor(
    private readonly cases: CasesRepository,
    private readonly encryption: EnvelopeEncryption,
  ) {}

  /** Unwraps the case's key once for a batch of seal/open calls. An anonymised (shredded) case answers 410, an unknown id 404. */
  async sealerFor(caseId: string): Promise<CaseSealer> {
    const key = await this.cases.findKey(caseId);
    if (!key) {
      // An id that names no case answers 404 like any unknown id; only an anonymised case says so.
      const found = await this.cases.findById(caseId);
      throw found?.anonymisedAt ? new CaseAnonymisedError() : new NotFoundError();
    }
    const dataKey = this.encryption.unwrapDataKey(caseId, key.wrappedKey);
    const associatedData = (purpose: string) => `${purpose}:${caseId}`;
    const open = (purpose: string, sealed: Buffer) =>
      this.encryption.openJson<string>(dataKey, sealed, associatedData(purpose));
    return {
      seal: (purpose, value) => this.encryption.sealJson(dataKey, value, associatedData(purpose)),
      open,
      openOrNull: (purpose, sealed) => (sealed ? open(purpose, sealed) : null),
    };
  }
}
