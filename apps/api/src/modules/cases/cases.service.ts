import { Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import type { CaseDetail, CaseListQuery, CaseListResponse, RegisterCaseCommand, SurvivorIdentity } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { BadRequestError, NotFoundError } from '../../core/errors/problem.js';
import { UsersService } from '../users/users.service.js';
import { toCaseDetail, toCaseSummary } from './case.mapper.js';
import { newCaseReference } from './case-reference.js';
import { CasesRepository } from './cases.repository.js';

/** The sealed identity payload. Only this service sees it in clear. */
interface IdentityPayload {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  estimatedAge: number | null;
}

const identityAssociatedData = (caseId: string) => `survivor-identity:${caseId}`;

@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly users: UsersService,
    private readonly encryption: EnvelopeEncryption,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers a survivor: the pseudonymous case and, separately, the identity sealed
   * under a new per-case data key. Case, key, identity and audit row commit together.
   */
  async register(caller: Caller, command: RegisterCaseCommand): Promise<CaseDetail> {
    const assigneeId = await this.chooseAssignee(caller, command.assigneeId);
    const now = new Date();
    const caseId = await this.cases.transaction(async (manager) => {
      const reference = await this.uniqueReference((candidate) => this.cases.referenceExists(candidate, manager));
      const id = await this.cases.insertCase(manager, {
        reference,
        organisationId: caller.actor.organisationId,
        assigneeId,
        status: 'Active',
        riskLevel: command.riskLevel,
        sex: command.sex,
        nationality: command.nationality,
        ageAtRegistration: command.estimatedAge ?? ageOn(command.dateOfBirth, now),
        exploitationTypes: command.exploitationTypes,
        registeredBy: caller.actor.id,
        registeredAt: now,
        updatedAt: now,
      });
      const { dataKey, wrappedKey } = this.encryption.newDataKey(id);
      const identity: IdentityPayload = {
        givenName: command.givenName,
        familyName: command.familyName,
        dateOfBirth: command.dateOfBirth ?? null,
        estimatedAge: command.estimatedAge ?? null,
      };
      await this.cases.insertKey(manager, id, wrappedKey);
      await this.cases.insertIdentity(manager, id, this.encryption.sealJson(dataKey, identity, identityAssociatedData(id)));
      await this.audit.record(caller, { action: 'case.created', category: 'case', subject: { type: 'Case', id, organisationId: caller.actor.organisationId } }, manager);
      return id;
    });
    return this.get(caller, caseId);
  }

  async list(caller: Caller, query: CaseListQuery): Promise<CaseListResponse> {
    const [cases, total] = await this.cases.list(
      scopeOf(caller.ability, 'read', 'Case'),
      { status: query.status, referencePrefix: query.reference },
      query.page,
      query.pageSize,
    );
    return { items: cases.map(toCaseSummary), page: query.page, pageSize: query.pageSize, total };
  }

  async get(caller: Caller, id: string): Promise<CaseDetail> {
    const found = await this.cases.findInScope(id, scopeOf(caller.ability, 'read', 'Case'));
    if (!found) throw new NotFoundError();
    return toCaseDetail(found);
  }

  /** Every read of an identity is audited before the identity is returned. */
  async readIdentity(caller: Caller, id: string): Promise<SurvivorIdentity> {
    const found = await this.cases.findInScope(id, scopeOf(caller.ability, 'readIdentity', 'Case'));
    if (!found) throw new NotFoundError();
    const [key, identity] = await Promise.all([this.cases.findKey(id), this.cases.findIdentity(id)]);
    // No key means the identity was erased (crypto-shredded): there is nothing to show.
    if (!key || !identity) throw new NotFoundError('The identity of this case has been erased.');
    await this.audit.record(caller, { action: 'case.identity.read', category: 'case', subject: { type: 'Case', id, organisationId: found.organisationId } });
    const dataKey = this.encryption.unwrapDataKey(id, key.wrappedKey);
    const payload = this.encryption.openJson<IdentityPayload>(dataKey, identity.sealedPayload, identityAssociatedData(id));
    return { caseId: id, ...payload, sex: found.sex, nationality: found.nationality };
  }

  /** Caseworkers register into their own caseload; supervisors may assign to a colleague. */
  private async chooseAssignee(caller: Caller, requested: string | undefined): Promise<string> {
    if (!requested || requested === caller.actor.id) return caller.actor.id;
    if (!caller.ability.can('assign', 'Case')) {
      throw new BadRequestError('You can only register cases into your own caseload.', [{ field: 'assigneeId', message: 'Not allowed for your role' }]);
    }
    const assignable = await this.users.isAssignable(requested, caller.actor.organisationId);
    if (!assignable) throw new BadRequestError('Choose a caseworker of your organisation.', [{ field: 'assigneeId', message: 'Not a caseworker of your organisation' }]);
    return requested;
  }

  private async uniqueReference(exists: (reference: string) => Promise<boolean>): Promise<string> {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const reference = newCaseReference();
      if (!(await exists(reference))) return reference;
    }
    throw new Error('Could not find a free case reference');
  }
}

function ageOn(dateOfBirth: string | undefined, today: Date): number | null {
  if (!dateOfBirth) return null;
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  return Math.max(0, age);
}
