import { Injectable } from '@nestjs/common';
import type { Consent, ConsentPurpose, WithdrawConsentRequest, recordConsentRequestSchema } from '@haven/contracts';
import type { z } from 'zod';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../core/errors/problem.js';
import { CaseDataContributors } from '../cases/case-data-contributor.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseRecordNames } from '../cases/kernel/case-record-names.service.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { ChildrenService } from '../children/children.service.js';
import type { ConsentEntity } from './consent.entity.js';
import { OrganisationsService } from '../../core/organisations/organisations.service.js';
import { toConsent } from './consent.mapper.js';
import { ConsentsRepository } from './consents.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/** The purpose the interpreter's name is sealed under (case key). */
export const INTERPRETER_NAME = 'consent-interpreter-name';

/** A consent request after validation (defaults applied). */
export type RecordConsentCommand = z.output<typeof recordConsentRequestSchema>;

/**
 * Consent per purpose, and for a referral or a transfer per named recipient (docs/architecture.md, rule 3). At most
 * one standing consent per purpose and recipient, so that withdrawing it always ends it.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly contributors: CaseDataContributors,
    private readonly transactions: TransactionHost,
    private readonly children: ChildrenService,
    private readonly names: CaseRecordNames,
  ) {}

  async list(caller: Caller, caseId: string): Promise<{ items: Consent[] }> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    return { items: await this.opened(caller, found, await this.consents.listForCase(caseId)) };
  }

  async record(caller: Caller, caseId: string, request: RecordConsentCommand): Promise<Consent> {
    const consentId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const recipientOrganisationId = request.recipientOrganisationId ?? null;
      if (recipientOrganisationId !== null && !(await this.organisationExists(recipientOrganisationId))) {
        throw new BadRequestError('Choose an existing organisation.', [
          { field: 'recipientOrganisationId', message: 'No such organisation' },
        ]);
      }
      await this.assertAssentAsNeeded(caseId, request);
      await this.consents.lockCase(caseId);
      if (await this.consents.existsActive(caseId, request.purpose, recipientOrganisationId)) {
        throw new ConflictError('This consent is already recorded and has not been withdrawn.');
      }
      const id = await this.consents.insert({
        caseId,
        purpose: request.purpose,
        recipientOrganisationId,
        givenOn: request.givenOn,
        method: request.method,
        interpreterUsed: request.interpreterUsed,
        interpreterLanguage: request.interpreterLanguage ?? null,
        sealedInterpreterName:
          request.interpreterName !== undefined
            ? (await this.vault.sealerFor(caseId)).seal(INTERPRETER_NAME, request.interpreterName)
            : null,
        childAssent: request.childAssent?.assent ?? null,
        assentExplainedForAge: request.childAssent?.explainedForAge ?? null,
        recordedBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'consent', action: 'recorded', field: request.purpose, newValue: 'granted' },
        ...(request.childAssent
          ? [{ section: 'consent', action: 'assent', field: request.purpose, newValue: request.childAssent.assent }]
          : []),
      ]);
      await this.audit.record(caller, {
        action: 'consent.recorded',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    return this.read(caller, caseId, consentId);
  }

  async withdraw(caller: Caller, caseId: string, consentId: string, request: WithdrawConsentRequest): Promise<Consent> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const consent = await this.consents.findInCase(caseId, consentId);
      if (!consent) throw new NotFoundError();
      if (consent.withdrawnOn !== null) throw new ConflictError('This consent has already been withdrawn.');
      if (request.withdrawnOn < consent.givenOn) {
        throw new BadRequestError('A consent cannot be withdrawn before it was given.', [
          { field: 'withdrawnOn', message: `Not before ${consent.givenOn}` },
        ]);
      }
      if (!(await this.consents.withdrawIfActive(consentId, request.withdrawnOn, caller.actor.id))) {
        throw new ConflictError('This consent has already been withdrawn.');
      }
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'consent', action: 'withdrawn', field: consent.purpose, oldValue: 'granted', newValue: 'withdrawn' },
      ]);
      await this.audit.record(caller, {
        action: 'consent.withdrawn',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      // Withdrawn consent stops further sharing: each feature that shared on it stops in this transaction.
      const withdrawal = { caseId, purpose: consent.purpose, recipientOrganisationId: consent.recipientOrganisationId };
      for (const contributor of this.contributors.all()) await contributor.onConsentWithdrawn?.(caller, withdrawal);
    });
    return this.read(caller, caseId, consentId);
  }

  /**
   * Whether the case has a standing (not withdrawn) consent for the purpose that allows
   * sharing — for a child, one whose assent she did not refuse; for a referral, pass the
   * recipient to ask about that organisation. For sharing decisions by other features: the
   * caller must already have checked the case is in scope.
   */
  hasActiveConsent(caseId: string, purpose: ConsentPurpose, recipientOrganisationId?: string): Promise<boolean> {
    return this.consents.existsAllowing(caseId, purpose, recipientOrganisationId ?? null);
  }

  /** A child case's consent carries the child's assent; an adult's carries none. */
  private async assertAssentAsNeeded(caseId: string, request: RecordConsentCommand): Promise<void> {
    const child = (await this.children.basis(caseId)) !== null;
    if (child && !request.childAssent)
      throw new BadRequestError("Record the child's assent beside the guardian's consent.", [
        { field: 'childAssent', message: 'Required for a child case' },
      ]);
    if (!child && request.childAssent)
      throw new BadRequestError("Only a child case records a child's assent.", [
        { field: 'childAssent', message: 'Only for a child case' },
      ]);
  }

  private async read(caller: Caller, caseId: string, consentId: string): Promise<Consent> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    const consent = await this.consents.findInCase(caseId, consentId);
    if (!consent) throw new NotFoundError();
    return (await this.opened(caller, found, [consent]))[0]!;
  }

  /**
   * Consents with the interpreter's name opened for those who may see names on the case's records
   * (CaseRecordNames: a team colleague reads the consent, not who interpreted it), the showing
   * audited; the case key is fetched only when a name is sealed and may be shown.
   */
  private async opened(caller: Caller, found: CaseEntity, consents: ConsentEntity[]): Promise<Consent[]> {
    const sealer =
      consents.some((consent) => consent.sealedInterpreterName) && this.names.mayRead(caller, found)
        ? await this.vault.sealerFor(found.id)
        : undefined;
    if (sealer) await this.names.shown(caller, found);
    return consents.map((consent) =>
      toConsent(consent, sealer?.openOrNull(INTERPRETER_NAME, consent.sealedInterpreterName) ?? null),
    );
  }

  private async organisationExists(id: string): Promise<boolean> {
    try {
      await this.organisations.get(id);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }
}
