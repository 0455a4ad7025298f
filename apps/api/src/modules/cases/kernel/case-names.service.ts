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

/** What deciding a case's shown name needs to know of it. */
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
 * trip and opened in memory; every name shown is an identity read, audited on its case.
 */
@Injectable()
export class CaseNames {
  constructor(
    private readonly cases: CasesRepository,
    private readonly encryption: EnvelopeEncryption,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  /** The names shown (case id → name) and the audit events that record them, for the caller to write with its own. */
  async shown(caller: Caller, cases: NamedCase[]): Promise<{ names: Map<string, string>; events: AuditRecord[] }> {
    const organisationId = caller.actor.organisationId;
    const unique = [...new Map(cases.map((found) => [found.id, found])).values()];
    const readable = unique.filter((found) => !found.sensitive && this.mayReadName(caller, found));
    const sealed = await this.cases.identitiesForList(
      organisationId,
      readable.map((found) => found.id),
    );
    const names = new Map<string, string>();
    for (const row of sealed) {
      const dataKey = this.encryption.unwrapDataKey(row.caseId, row.wrappedKey);
      const identity = this.encryption.openJson<Partial<IdentityPayload>>(
        dataKey,
        row.sealedPayload,
        identityAssociatedData(row.caseId),
      );
      const name = identity.aliases?.[0] ?? identity.givenName;
      if (name) names.set(row.caseId, name);
    }
    const events = unique
      .filter((found) => names.has(found.id))
      .map((found) => ({
        action: 'case.identity.listed' as const,
        category: 'case' as const,
        subject: { type: 'Case', id: found.id, organisationId },
        reason: found.assigneeId === caller.actor.id ? ('assignee' as const) : ('outside-assignment' as const),
      }));
    return { names, events };
  }

  /** The names shown, their audit events written at once (for screens that write no events of their own). */
  async shownAndAudited(caller: Caller, cases: NamedCase[]): Promise<Map<string, string>> {
    const { names, events } = await this.shown(caller, cases);
    if (events.length) await this.transactions.withTransaction(() => this.audit.recordAll(caller, events));
    return names;
  }

  /**
   * The names shown for rows that carry only case ids (task rows, "my work"), audited at once. Cases of
   * other organisations, and anonymised ones, show none.
   */
  async shownForCaseIds(caller: Caller, caseIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(caseIds)];
    if (unique.length === 0) return new Map();
    const facts = await this.cases.namingFacts(caller.actor.organisationId, unique);
    return this.shownAndAudited(caller, facts);
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
