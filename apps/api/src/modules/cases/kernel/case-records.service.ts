import { Injectable } from '@nestjs/common';
import type { RiskLevel, StatusDecisionBody, TraffickingStatus } from '@haven/contracts';
import type { Caller } from '../../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../../core/crypto/envelope-encryption.js';
import { ConflictError, NotFoundError } from '../../../core/errors/problem.js';
import type { CaseEntity } from '../case.entity.js';
import { newCaseReference } from '../case-reference.js';
import { CasesRepository } from '../cases.repository.js';
import { duplicateKeyOf, identityAssociatedData, withNamesInNfc } from '../identity-keys.js';
import { nameIndexHashes } from '../name-index.js';
import { NAME_INDEX_VERSION } from '../name-tokens.js';
import { CaseVault } from './case-vault.service.js';

/**
 * Changes to the case record itself that other features make as part of their own use
 * case, in their transaction: the risk level a risk assessment sets, and the case a
 * receiving organisation gets when it accepts a transfer.
 */
@Injectable()
export class CaseRecords {
  constructor(
    private readonly cases: CasesRepository,
    private readonly vault: CaseVault,
    private readonly encryption: EnvelopeEncryption,
  ) {}

  /**
   * Sets the risk level as the outcome of a risk assessment, inside the assessment's
   * transaction: the assessment is the newer fact, so it applies to whatever version
   * the case is at (locked until commit), and the change joins the history.
   */
  async setRiskLevelFromAssessment(caller: Caller, found: CaseEntity, riskLevel: RiskLevel): Promise<void> {
    if (found.riskLevel === riskLevel) return;
    const locked = await this.cases.lockVersion(found.id);
    if (!(await this.cases.updateIfVersion(found.id, locked, { riskLevel }))) {
      throw new ConflictError('Someone else changed this case since you opened it. Reload to see their changes.', {
        currentVersion: locked,
      });
    }
    await this.cases.recordChanges(caller.actor.id, found.id, [
      { section: 'case', action: 'updated', field: 'riskLevel', oldValue: found.riskLevel, newValue: riskLevel },
    ]);
  }

  /**
   * Sets the trafficking status and who decided it as the outcome of a formal status decision, inside
   * the decision's transaction: the one way they change (the profile's edit does not offer them). The
   * decision is the newer fact, so it applies to whatever version the case is at (locked until commit),
   * and each field that changes joins the history.
   */
  async setTraffickingStatusFromDecision(
    caller: Caller,
    caseId: string,
    status: TraffickingStatus,
    decidedBy: StatusDecisionBody,
  ): Promise<void> {
    const locked = await this.cases.lockVersion(caseId);
    const current = (await this.cases.findById(caseId))!;
    const changes = (
      [
        ['traffickingStatus', current.profile.traffickingStatus ?? null, status],
        ['statusDecidedBy', current.profile.statusDecidedBy ?? null, decidedBy],
      ] as const
    ).filter(([, oldValue, newValue]) => oldValue !== newValue);
    if (changes.length === 0) return;
    const profile = { ...current.profile, traffickingStatus: status, statusDecidedBy: decidedBy };
    if (!(await this.cases.updateIfVersion(caseId, locked, { profile }))) {
      throw new ConflictError('Someone else changed this case since you opened it. Reload to see their changes.', {
        currentVersion: locked,
      });
    }
    await this.cases.recordChanges(
      caller.actor.id,
      caseId,
      changes.map(([field, oldValue, newValue]) => ({
        section: 'profile',
        action: 'decided',
        field,
        oldValue,
        newValue,
      })),
    );
  }

  /**
   * Accepting a transfer: the receiving organisation gets a case of its own (new
   * reference, new data key, the identity re-sealed under it, coded profile copied);
   * the sender's case becomes a closed, read-only record of its part (ClosedReferred).
   * The trafficking status is not copied: it comes only from decisions, which the
   * identification feature carries over next, in the same transaction.
   */
  async receiveTransfer(receiver: Caller, sourceCaseId: string): Promise<string> {
    const source = await this.cases.findById(sourceCaseId);
    if (!source) throw new NotFoundError();
    const { traffickingStatus: _status, statusDecidedBy: _decidedBy, ...undecidedProfile } = source.profile;
    const identity = withNamesInNfc(await this.vault.openIdentity(sourceCaseId));
    const now = new Date();
    const { id } = await this.cases.insertCase(newCaseReference, {
      organisationId: receiver.actor.organisationId,
      assigneeId: receiver.actor.id,
      team: null,
      status: 'Active',
      stage: source.stage,
      riskLevel: source.riskLevel,
      sensitive: source.sensitive,
      sex: source.sex,
      nationality: source.nationality,
      ageAtRegistration: source.ageAtRegistration,
      exploitationTypes: source.exploitationTypes,
      profile: undecidedProfile,
      registeredBy: receiver.actor.id,
      registeredAt: now,
      updatedAt: now,
      transferredFromCaseId: source.id,
    });
    const { dataKey, wrappedKey } = this.encryption.newDataKey(id);
    const duplicateKey = duplicateKeyOf(
      this.encryption,
      identity.givenName,
      identity.familyName,
      identity.dateOfBirth ?? undefined,
      identity.estimatedAge ?? undefined,
      source.registeredAt,
    );
    await this.cases.insertKey(id, wrappedKey);
    await this.cases.insertIdentity(
      id,
      this.encryption.sealJson(dataKey, identity, identityAssociatedData(id)),
      duplicateKey,
    );
    // The receiving organisation finds her by name under its own key; the sender's entries stay with the sender's case.
    await this.cases.replaceNameTokens(
      id,
      receiver.actor.organisationId,
      nameIndexHashes(this.encryption, receiver.actor.organisationId, identity, source.registeredAt),
      NAME_INDEX_VERSION,
    );
    await this.cases.recordChanges(receiver.actor.id, id, [
      { section: 'case', action: 'received', field: 'organisation', newValue: receiver.actor.organisationId },
    ]);
    if (!(await this.cases.updateIfVersion(source.id, source.version, { status: 'ClosedReferred', closedAt: now }))) {
      throw new ConflictError('The sending organisation changed the case at the same moment. Try again.');
    }
    await this.cases.recordChanges(receiver.actor.id, source.id, [
      {
        section: 'closure',
        action: 'transferred',
        field: 'status',
        oldValue: source.status,
        newValue: 'ClosedReferred',
      },
    ]);
    return id;
  }
}
