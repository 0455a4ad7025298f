import { Injectable } from '@nestjs/common';
import { recordOf } from '@haven/access';
import type { AuditRecord } from '../../../core/audit/audit.service.js';
import { AuditService } from '../../../core/audit/audit.service.js';
import type { Caller } from '../../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../../core/crypto/envelope-encryption.js';
import { TransactionHost } from '../../../core/database/transaction-host.js';
import { CasesRepository } from '../cases.repository.js';
import { identityAssociatedData } from '../identity-keys.js';
import type { IdentityPayload } from './case-vault.service.js';

/** What deciding whether a sensitive case's name would be shown needs to know of it. */
export interface NamedCase {
  id: string;
  assigneeId: string | null;
  sensitive: boolean;
}

/**
 * The one rule for the survivor's name on screens that otherwise show a reference (docs/architecture.md,
 * "Names in lists"): the case list, the case header, task rows and "my work". The first alias, else the
 * given name, of each case whose identity the caller may read and that is not sensitive (a sensitive
 * case's identity is opened only when asked for), when the organisation shows names. Read in one round
 * trip with the case's assignee and flags, the rule applied to what that read saw, and opened in memory;
 * every name shown is an identity read, audited on its case.
 */
@Injectable()
export class CaseNames {
  constructor(
    private readonly cases: CasesRepository,
    private readonly encryption: EnvelopeEncryption,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  /**
   * The names shown (case id → name) and the audit events that record them, for the caller to write
   * with its own. Only case ids are taken: who is assigned and whether the case is sensitive are read
   * with the identities, in their one statement, and the rule applied to what that statement saw.
   * Cases of other organisations, and anonymised ones, show none.
   */
  async shown(caller: Caller, caseIds: string[]): Promise<{ names: Map<string, string>; events: AuditRecord[] }> {
    const organisationId = caller.actor.organisationId;
    const sealed = await this.cases.identitiesForList(organisationId, [...new Set(caseIds)]);
    const names = new Map<string, string>();
    const events: AuditRecord[] = [];
    for (const row of sealed) {
      const named = { id: row.caseId, assigneeId: row.assigneeId, sensitive: false };
      if (!this.mayReadName(caller, named)) continue;
      const dataKey = this.encryption.unwrapDataKey(row.caseId, row.wrappedKey);
      const identity = this.encryption.openJson<Partial<IdentityPayload>>(
        dataKey,
        row.sealedPayload,
        identityAssociatedData(row.caseId),
      );
      const name = identity.aliases?.[0] ?? identity.givenName;
      if (!name) continue;
      names.set(row.caseId, name);
      events.push({
        action: 'case.identity.listed',
        category: 'case',
        subject: { type: 'Case', id: row.caseId, organisationId },
        reason: row.assigneeId === caller.actor.id ? 'assignee' : 'outside-assignment',
      });
    }
    return { names, events };
  }

  /** The names shown (as `shown`), their audit events written at once (for screens that write no events of their own). */
  async shownAndAudited(caller: Caller, caseIds: string[]): Promise<Map<string, string>> {
    const { names, events } = await this.shown(caller, caseIds);
    if (events.length) await this.transactions.withTransaction(() => this.audit.recordAll(caller, events));
    return names;
  }

  /**
   * Whether the name of a sensitive case would be shown if it were not sensitive: the screen offers to
   * reveal it (an audited identity read) instead of leaving the reader to guess why it is missing.
   */
  async hiddenUntilRevealed(caller: Caller, found: NamedCase): Promise<boolean> {
    if (!found.sensitive || !this.mayReadName(caller, found)) return false;
    return this.cases.organisationShowsNames(caller.actor.organisationId);
  }

  // Assignee and supervisors only: a team colleague does not see names on lists (team is left out).
  private mayReadName(caller: Caller, found: NamedCase): boolean {
    return caller.ability.can(
      'readIdentity',
      recordOf('Case', {
        organisationId: caller.actor.organisationId,
        assigneeId: found.assigneeId,
        team: null,
        sensitive: found.sensitive,
      }),
    );
  }
}
