import { Injectable } from '@nestjs/common';
import type { IdentityDocument } from '@haven/contracts';
import { EnvelopeEncryption, open as openSealed, seal } from '../../../core/crypto/envelope-encryption.js';
import { NotFoundError } from '../../../core/errors/problem.js';
import { TransactionHost } from '../../../core/database/transaction-host.js';
import { CaseAnonymisedError } from '../case-anonymisation.js';
import type { CaseEntity } from '../case.entity.js';
import { CasesRepository, type Shredding } from '../cases.repository.js';
import { identityAssociatedData } from '../identity-keys.js';

/** The sealed identity payload. Only the case kernel opens it (for the case's own pages and a referral's lens). */
export interface IdentityPayload {
  givenName: string;
  familyName: string;
  aliases: string[];
  dateOfBirth: string | null;
  estimatedAge: number | null;
  languages: string[];
  contact: { phone?: string; email?: string; address?: string };
  documents: IdentityDocument[];
}

/** Seals and opens one case's free text under its data key. */
export interface CaseSealer {
  seal(purpose: string, value: string): Buffer;
  open(purpose: string, sealed: Buffer): string;
  openOrNull(purpose: string, sealed: Buffer | null): string | null;
}

/**
 * Seals and opens the chunks of one file on a case. Each chunk's associated data binds the case, the
 * file, the chunk's index and whether it is the last, so chunks cannot be reordered, moved to
 * another file or case, or cut off at the end without the opening failing.
 */
export interface CaseFileCipher {
  sealChunk(fileId: string, index: number, last: boolean, plaintext: Buffer): Buffer;
  openChunk(fileId: string, index: number, last: boolean, sealed: Buffer): Buffer;
}

/**
 * The one place that turns a case's data key into readable text, for every feature
 * that stores free text about a case (notes, assessments, plans, services, tasks),
 * and that destroys the key (anonymisation: crypto-shredding).
 * The purpose and the case id are bound into each ciphertext as associated data.
 */
@Injectable()
export class CaseVault {
  constructor(
    private readonly cases: CasesRepository,
    private readonly encryption: EnvelopeEncryption,
    private readonly transactions: TransactionHost,
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

  /** The case's key for the chunks of its files; 410 once the key is destroyed (anonymised), 404 for an unknown case. */
  async fileCipherFor(caseId: string): Promise<CaseFileCipher> {
    const key = await this.cases.findKey(caseId);
    if (!key) {
      const found = await this.cases.findById(caseId);
      throw found?.anonymisedAt ? new CaseAnonymisedError() : new NotFoundError();
    }
    const dataKey = this.encryption.unwrapDataKey(caseId, key.wrappedKey);
    const associatedData = (fileId: string, index: number, last: boolean) =>
      `case-file-chunk:${caseId}:${fileId}:${index}:${last ? 'last' : 'more'}`;
    return {
      sealChunk: (fileId, index, last, plaintext) => seal(dataKey, plaintext, associatedData(fileId, index, last)),
      openChunk: (fileId, index, last, sealed) => openSealed(dataKey, sealed, associatedData(fileId, index, last)),
    };
  }

  /** The survivor's identity, opened under the case key; 410 once the key is destroyed. */
  async openIdentity(caseId: string): Promise<IdentityPayload> {
    // One after the other in a transaction: its connection runs one query at a time.
    const [key, identity] = this.transactions.inTransaction
      ? [await this.cases.findKey(caseId), await this.cases.findIdentity(caseId)]
      : await Promise.all([this.cases.findKey(caseId), this.cases.findIdentity(caseId)]);
    // No key means the case was anonymised (crypto-shredded): there is nothing to show.
    if (!key || !identity) throw new CaseAnonymisedError();
    const dataKey = this.encryption.unwrapDataKey(caseId, key.wrappedKey);
    const payload = this.encryption.openJson<Partial<IdentityPayload>>(
      dataKey,
      identity.sealedPayload,
      identityAssociatedData(caseId),
    );
    return {
      aliases: [],
      languages: [],
      contact: {},
      documents: [],
      dateOfBirth: null,
      estimatedAge: null,
      familyName: '',
      givenName: '',
      ...payload,
    };
  }

  /** Locks the case for anonymising it; null when it does not exist. */
  lockForAnonymisation(caseId: string): Promise<CaseEntity | null> {
    return this.cases.lockForAnonymisation(caseId);
  }

  /** Destroys the case key and identity, clears its history comments and marks it anonymised, in the current transaction. */
  shred(shredding: Shredding): Promise<void> {
    return this.cases.shred(shredding);
  }
}
