import { Inject, Injectable } from '@nestjs/common';
import { recordOf, scopeOf } from '@haven/access';
import type {
  AssignCaseRequest,
  CaseDetail,
  CaseListQuery,
  CaseListResponse,
  ClosureRequest,
  DecisionRequest,
  DuplicateCheckResponse,
  HistoryResponse,
  HistoryQuery,
  ReassignCasesRequest,
  ReassignCasesResponse,
  RegisterCaseCommand,
  RegisterCaseResponse,
  ReopenRequest,
  SurvivorIdentity,
  UpdateCaseRequest,
  UpdateIdentityRequest,
} from '@haven/contracts';
import { CASE_UPDATE_FIELDS, SURVIVOR_IDENTITY_FIELDS, TRAFFICKING_PROFILE_FIELDS } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService, type AuditRecord } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { BadRequestError, ConflictError, TooManyRequestsError } from '../../core/errors/problem.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { UsersService } from '../../core/users/users.service.js';
import type { CaseEntity } from './case.entity.js';
import { toCaseDetail, toCaseSummary, toHistoryEntry, type CaseForDetail } from './case.mapper.js';
import { newCaseReference } from './case-reference.js';
import { duplicateKeyOf, identityAssociatedData, withNamesInNfc } from './identity-keys.js';
import { nameIndexHashes, nameSearchTerms } from './name-index.js';
import { NAME_INDEX_VERSION } from './name-tokens.js';
import { CaseAccess, OPEN_STATUSES, type CaseAction } from './kernel/case-access.service.js';
import { CaseVault, type IdentityPayload } from './kernel/case-vault.service.js';
import { CaseNames, type NamedCase } from './kernel/case-names.service.js';
import { accessBasis } from './kernel/case-record-names.service.js';
import { CaseOverviewReadModel, NOTHING_RECORDED_YET } from './read-models/case-overview.read-model.js';
import { CasesRepository, type CaseChange, type PossibleDuplicate } from './cases.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { boundedTotal, keysetPage, keysetResponse } from '../../core/database/keyset.js';

/**
 * The field groups of libs/contracts, by where each field is stored: exploitation types belong to the
 * trafficking profile but have a column of their own on the case (lists and statistics filter on them).
 */
const CASE_FIELDS = [...CASE_UPDATE_FIELDS, 'exploitationTypes'] as const;
const PROFILE_FIELDS = TRAFFICKING_PROFILE_FIELDS.filter((field) => field !== 'exploitationTypes');
const IDENTITY_FIELDS = SURVIVOR_IDENTITY_FIELDS;

@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly users: UsersService,
    private readonly encryption: EnvelopeEncryption,
    private readonly audit: AuditService,
    private readonly vault: CaseVault,
    private readonly access: CaseAccess,
    private readonly notifications: NotificationsService,
    private readonly overview: CaseOverviewReadModel,
    private readonly names: CaseNames,
    @Inject(HAVEN_CONFIG) private readonly config: Pick<HavenConfig, 'duplicateChecksPerHour'>,
    private readonly transactions: TransactionHost,
  ) {}

  // ── Registration and reading ───────────────────────────────────────────────

  /**
   * Registers a survivor: the pseudonymous case and, separately, the identity sealed
   * under a new per-case data key. Case, key, identity, history and audit commit together.
   */
  async register(caller: Caller, command: RegisterCaseCommand): Promise<RegisterCaseResponse> {
    const now = new Date();
    const organisationId = caller.actor.organisationId;
    const duplicateKey = this.duplicateKey(
      command.givenName,
      command.familyName,
      command.dateOfBirth,
      command.estimatedAge,
      now,
    );
    const [assignee, context] = await Promise.all([
      this.chooseAssignee(caller, command.assigneeId),
      this.cases.registrationContext(organisationId, duplicateKey, scopeOf(caller.ability, 'read', 'Case')),
    ]);
    const profile = Object.fromEntries(
      PROFILE_FIELDS.filter((field) => command[field] !== undefined).map((field) => [field, command[field]]),
    );
    const values = {
      organisationId,
      assigneeId: assignee.id,
      team: assignee.team,
      status: 'Active' as const,
      stage: 'identification' as const,
      riskLevel: command.riskLevel,
      sensitive: command.sensitive,
      sex: command.sex,
      nationality: command.nationality,
      ageAtRegistration: command.estimatedAge ?? ageOn(command.dateOfBirth, now),
      exploitationTypes: command.exploitationTypes,
      profile,
      registeredBy: caller.actor.id,
      registeredAt: now,
      updatedAt: now,
    };
    const { id, reference } = await this.transactions.withTransaction(async () => {
      const inserted = await this.cases.insertCase(newCaseReference, values);
      const { dataKey, wrappedKey } = this.encryption.newDataKey(inserted.id);
      const identity: IdentityPayload = withNamesInNfc({
        givenName: command.givenName,
        familyName: command.familyName,
        aliases: command.aliases,
        dateOfBirth: command.dateOfBirth ?? null,
        estimatedAge: command.estimatedAge ?? null,
        languages: command.languages,
        contact: command.contact,
        documents: command.documents,
      });
      await this.cases.insertRegistrationRecords({
        caseId: inserted.id,
        wrappedKey,
        sealedIdentity: this.encryption.sealJson(dataKey, identity, identityAssociatedData(inserted.id)),
        duplicateKey,
        organisationId,
        nameTokens: nameIndexHashes(this.encryption, organisationId, identity, now),
        nameIndexVersion: NAME_INDEX_VERSION,
        actorUserId: caller.actor.id,
        at: now,
      });
      await this.audit.record(caller, {
        action: 'case.created',
        category: 'case',
        subject: { type: 'Case', id: inserted.id, organisationId },
      });
      await this.recordDuplicateMatches(caller, context.possibleDuplicates);
      return inserted;
    });
    // The answer from what was just written, not read back: a new case has no tasks,
    // assessments, plan or consents yet (a test compares it with the case page).
    const registered: CaseForDetail = {
      ...values,
      id,
      reference,
      version: 1,
      assignee: { id: assignee.id, displayName: assignee.displayName },
      organisation: { name: context.organisationName },
      anonymisedAt: null,
      anonymisationKind: null,
      closureReason: null,
      closureRequestedAt: null,
      closureRequestedBy: null,
    };
    return { ...toCaseDetail(registered, NOTHING_RECORDED_YET), ...duplicateWarningOf(context.possibleDuplicates) };
  }

  /**
   * Warns of possible existing cases in the caller's organisation (need to know, docs/architecture.md): references
   * only of cases she may open — assignment, team, sensitive cases, as everywhere else. Of the
   * others she learns only that one exists, and her supervisors are told which. Every check is
   * audited (ids only: never the name searched for), and each user may make only so many an hour,
   * so that the check cannot be used to test name after name.
   */
  async checkDuplicates(
    caller: Caller,
    person: { givenName: string; familyName: string; dateOfBirth?: string; estimatedAge?: number },
  ): Promise<DuplicateCheckResponse> {
    const key = this.duplicateKey(
      person.givenName,
      person.familyName,
      person.dateOfBirth,
      person.estimatedAge,
      new Date(),
    );
    const outcome = await this.transactions.withTransaction(async () => {
      const counted = await this.cases.countDuplicateCheck(caller.actor.id, this.config.duplicateChecksPerHour);
      if (!counted.allowed) return counted;
      const duplicates = await this.cases.duplicatesOf(
        caller.actor.organisationId,
        key,
        scopeOf(caller.ability, 'read', 'Case'),
      );
      await this.audit.record(caller, {
        action: 'case.duplicate.checked',
        category: 'case',
        subject: ownOrganisationOf(caller),
      });
      await this.recordDuplicateMatches(caller, duplicates);
      return { allowed: true as const, duplicates };
    });
    if (!outcome.allowed) {
      await this.audit.record(caller, {
        action: 'case.duplicate.checked',
        category: 'case',
        outcome: 'denied',
        subject: ownOrganisationOf(caller),
      });
      throw new TooManyRequestsError(
        `You can check for duplicates ${this.config.duplicateChecksPerHour} times an hour. Try again later, or ask a supervisor.`,
        outcome.retryAfterSeconds,
      );
    }
    return duplicateWarningOf(outcome.duplicates);
  }

  /**
   * Each possible duplicate found is audited on its case (shown or withheld); for a case the
   * caller may not open, its organisation's supervisors are told (once an hour per case and caller).
   */
  private async recordDuplicateMatches(caller: Caller, duplicates: PossibleDuplicate[]): Promise<void> {
    const organisationId = caller.actor.organisationId;
    for (const duplicate of duplicates) {
      const subject = { type: 'Case', id: duplicate.id, organisationId };
      await this.audit.record(caller, {
        action: 'case.duplicate.matched',
        category: 'case',
        subject,
        reason: duplicate.readable ? 'reference-shown' : 'reference-withheld',
      });
      if (!duplicate.readable)
        await this.notifications.notifySupervisorsOfCase(
          organisationId,
          'case.duplicate.suspected',
          duplicate.id,
          caller.actor.id,
          60,
        );
    }
  }

  /**
   * The case list. A name search is one more filter of the same query (so it pages, sorts and
   * counts like any other) over a narrower scope: the cases whose identity the caller may read,
   * since finding a case by a name tells who it is about. The name itself is only hashed, under
   * the caller's organisation's key; it is never stored or logged. Each search is audited in the
   * answer's transaction: one event with the number found (`results-N`), and one per case shown,
   * in that case's access log, as a duplicate check's matches are.
   */
  async list(caller: Caller, query: CaseListQuery): Promise<CaseListResponse> {
    const organisationId = caller.actor.organisationId;
    const names =
      query.name === undefined
        ? undefined
        : { organisationId, ...nameSearchTerms(this.encryption, organisationId, query.name, query.birthYear) };
    const { rows, plan, count } = await this.cases.list(
      scopeOf(caller.ability, names ? 'readIdentity' : 'read', 'Case'),
      {
        status: query.status,
        riskLevel: query.riskLevel,
        stage: query.stage,
        assigneeId: query.assigneeId,
        overdue: query.overdue,
        referencePrefix: query.reference,
        names,
      },
      query,
    );
    const page = keysetPage(rows, query, plan, (row) => row.key);
    const cases = page.items.map((row) => row.entity);
    const { names: shownNames, events: nameEvents } = await this.names.shown(
      caller,
      cases.map((found) => found.id),
    );
    const basisOf = (found: CaseEntity) =>
      found.assignee?.id === caller.actor.id ? ('assignee' as const) : ('outside-assignment' as const);
    const events: AuditRecord[] = [
      ...(names
        ? [
            {
              action: 'case.name.searched' as const,
              category: 'case' as const,
              subject: ownOrganisationOf(caller),
              reason: `results-${count}` as const,
            },
            ...cases.map((found) => ({
              action: 'case.name.matched' as const,
              category: 'case' as const,
              subject: { type: 'Case', id: found.id, organisationId },
              reason: basisOf(found),
            })),
          ]
        : []),
      // A name shown on a row is an identity read of that case, in its access log like any other.
      ...nameEvents,
    ];
    if (events.length) await this.transactions.withTransaction(() => this.audit.recordAll(caller, events));
    return {
      items: cases.map((found) => ({ ...toCaseSummary(found), shownName: shownNames.get(found.id) ?? null })),
      page: query.page,
      pageSize: query.pageSize,
      ...boundedTotal(count),
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
    };
  }

  async get(caller: Caller, id: string): Promise<CaseDetail> {
    // Both at once, on two pooled connections. For a case outside the scope the counters
    // are read for nothing (under its policies they count nothing) and never shown: 404.
    const [found, aggregates] = await Promise.all([
      this.access.findForAction(caller, id, 'read'),
      this.overview.figures(id),
    ]);
    // The header's name: an anonymised case has none left to show.
    if (found.anonymisedAt) return toCaseDetail(found, aggregates);
    const named = namedCaseOf(found);
    const [names, nameHidden] = await Promise.all([
      this.names.shownAndAudited(caller, [id]),
      this.names.hiddenUntilRevealed(caller, named),
    ]);
    return toCaseDetail(found, aggregates, { shownName: names.get(id) ?? null, nameHidden });
  }

  /**
   * Every read of an identity is audited before the identity is returned, with what gave the
   * reader access; a read from outside the case's assignment alerts the other supervisors.
   */
  async readIdentity(caller: Caller, id: string): Promise<SurvivorIdentity> {
    const found = await this.access.findForAction(caller, id, 'readIdentity');
    const payload = await this.vault.openIdentity(id);
    const basis = accessBasis(caller, found);
    await this.transactions.withTransaction(async () => {
      await this.audit.record(caller, {
        action: 'case.identity.read',
        category: 'case',
        subject: { type: 'Case', id, organisationId: found.organisationId },
        reason: basis,
      });
      if (basis === 'outside-assignment')
        await this.notifications.notifyIdentityViewed(found.organisationId, id, caller.actor.id);
    });
    return { caseId: id, ...payload, sex: found.sex, nationality: found.nationality, version: found.version };
  }

  async history(caller: Caller, id: string, query: HistoryQuery): Promise<HistoryResponse> {
    await this.access.findForAction(caller, id, 'read');
    // A field the viewer may not read never appears in its history.
    const seesIdentity = (await this.cases.findInScope(id, scopeOf(caller.ability, 'readIdentity', 'Case'))) !== null;
    const { rows, plan, count } = await this.cases.history(id, seesIdentity ? [] : ['identity'], query);
    const sealer = rows.some((row) => row.entity.sealedComment) ? await this.vault.sealerFor(id) : undefined;
    return keysetResponse(rows, query, plan, count, ({ entity: change }) =>
      toHistoryEntry(change, sealer?.openOrNull('history-comment', change.sealedComment) ?? null),
    );
  }

  // ── Changes ────────────────────────────────────────────────────────────────

  async update(caller: Caller, id: string, request: UpdateCaseRequest): Promise<CaseDetail> {
    await this.transactions.withTransaction(async () => {
      const found = await this.access.findOpenForUpdate(caller, id);
      if (
        request.sensitive !== undefined &&
        request.sensitive !== found.sensitive &&
        !caller.ability.can('readIdentity', subjectOf(found))
      ) {
        throw new BadRequestError('Only the assigned caseworker or a supervisor can change the sensitive flag.', [
          { field: 'sensitive', message: 'Not allowed for you' },
        ]);
      }
      const changes: CaseChange[] = [];
      const columns: Partial<CaseEntity> = {};
      for (const field of CASE_FIELDS) {
        const next = request[field];
        if (next === undefined || sameValue(found[field], next)) continue;
        changes.push({
          section: 'case',
          action: 'updated',
          field,
          oldValue: codeText(found[field]),
          newValue: codeText(next),
        });
        Object.assign(columns, { [field]: next });
      }
      const profile = { ...found.profile };
      for (const field of PROFILE_FIELDS) {
        const next = request[field];
        if (next === undefined || sameValue(profile[field], next)) continue;
        changes.push({
          section: 'profile',
          action: 'updated',
          field,
          oldValue: codeText(profile[field]),
          newValue: codeText(next),
        });
        Object.assign(profile, { [field]: next });
      }
      if (changes.some((change) => change.section === 'profile')) columns.profile = profile;
      await this.applyVersioned(found, request.version, columns);
      await this.cases.recordChanges(caller.actor.id, id, changes);
      await this.audit.record(caller, {
        action: 'case.updated',
        category: 'case',
        subject: { type: 'Case', id, organisationId: found.organisationId },
      });
    });
    return this.get(caller, id);
  }

  async updateIdentity(caller: Caller, id: string, request: UpdateIdentityRequest): Promise<SurvivorIdentity> {
    await this.transactions.withTransaction(async () => {
      const found = await this.access.findForAction(caller, id, 'readIdentity');
      if (!OPEN_STATUSES.has(found.status))
        throw new ConflictError('This case is closed. Reopen it before changing it.');
      const current = await this.vault.openIdentity(id);
      let next: IdentityPayload = { ...current };
      const changed: string[] = [];
      for (const field of IDENTITY_FIELDS) {
        const value = request[field];
        if (value === undefined || sameValue(current[field], value)) continue;
        Object.assign(next, { [field]: value });
        changed.push(field);
      }
      next = withNamesInNfc(next);
      await this.applyVersioned(found, request.version, {});
      const key = await this.cases.findKey(id);
      const dataKey = this.encryption.unwrapDataKey(id, key!.wrappedKey);
      const duplicateKey = this.duplicateKey(
        next.givenName,
        next.familyName,
        next.dateOfBirth ?? undefined,
        next.estimatedAge ?? undefined,
        found.registeredAt,
      );
      await this.cases.updateIdentity(
        id,
        this.encryption.sealJson(dataKey, next, identityAssociatedData(id)),
        duplicateKey,
      );
      await this.cases.replaceNameTokens(
        id,
        found.organisationId,
        nameIndexHashes(this.encryption, found.organisationId, next, found.registeredAt),
        NAME_INDEX_VERSION,
      );
      // History names the identity fields that changed, never their values.
      await this.cases.recordChanges(
        caller.actor.id,
        id,
        changed.map((field) => ({ section: 'identity', action: 'updated', field })),
      );
      await this.audit.record(caller, {
        action: 'case.identity.updated',
        category: 'case',
        subject: { type: 'Case', id, organisationId: found.organisationId },
      });
    });
    return this.readIdentity(caller, id);
  }

  /** Supervisors assign and reassign within their organisation. */
  async assign(caller: Caller, id: string, request: AssignCaseRequest): Promise<CaseDetail> {
    await this.transactions.withTransaction(async () => {
      const found = await this.access.findForAction(caller, id, 'assign');
      const assignee = await this.users.findAssignable(request.assigneeId, found.organisationId);
      if (!assignee)
        throw new BadRequestError('Choose a caseworker of your organisation.', [
          { field: 'assigneeId', message: 'Not a caseworker of this organisation' },
        ]);
      await this.applyVersioned(found, request.version, { assigneeId: assignee.id, team: assignee.team });
      await this.cases.recordChanges(caller.actor.id, id, [
        {
          section: 'assignment',
          action: 'assigned',
          field: 'assignee',
          oldValue: found.assignee?.displayName ?? null,
          newValue: assignee.displayName,
        },
      ]);
      await this.audit.record(caller, {
        action: 'case.assigned',
        category: 'case',
        subject: { type: 'Case', id, organisationId: found.organisationId },
      });
    });
    return this.get(caller, id);
  }

  /**
   * A supervisor hands several cases to one colleague, all or none, in one transaction. Each case's
   * lock is taken in the project's one lock order — the case's advisory lock (`lockReturnSafeguards`)
   * before any row — and the cases in ascending id order, so two reassignments, or a reassignment and a
   * partner's step or an erasure, never wait on each other in a circle. A case outside the caller's scope
   * answers 404 for the whole request before anything is written; a person who is not staff of the
   * case's organisation answers 400. Each case moved gets its history entry and its audit event.
   */
  async reassignMany(caller: Caller, request: ReassignCasesRequest): Promise<ReassignCasesResponse> {
    const ids = [...request.caseIds].sort();
    return this.transactions.withTransaction(async () => {
      for (const id of ids) await this.access.lockReturnSafeguards(id);
      const found: CaseEntity[] = [];
      for (const id of ids) found.push(await this.access.findForAction(caller, id, 'assign'));
      const assignees = new Map<string, { id: string; displayName: string; team: string | null }>();
      for (const organisationId of new Set(found.map((entry) => entry.organisationId))) {
        const assignee = await this.users.findAssignable(request.assigneeId, organisationId);
        if (!assignee)
          throw new BadRequestError('Choose a caseworker of your organisation.', [
            { field: 'assigneeId', message: 'Not a caseworker of this organisation' },
          ]);
        assignees.set(organisationId, assignee);
      }
      const reassigned: ReassignCasesResponse['reassigned'] = [];
      for (const entry of found) {
        const assignee = assignees.get(entry.organisationId)!;
        if (entry.assigneeId === assignee.id) continue;
        const version = await this.cases.lockVersion(entry.id);
        await this.cases.updateIfVersion(entry.id, version, { assigneeId: assignee.id, team: assignee.team });
        await this.cases.recordChanges(caller.actor.id, entry.id, [
          {
            section: 'assignment',
            action: 'assigned',
            field: 'assignee',
            oldValue: entry.assignee?.displayName ?? null,
            newValue: assignee.displayName,
          },
        ]);
        await this.audit.record(caller, {
          action: 'case.assigned',
          category: 'case',
          subject: { type: 'Case', id: entry.id, organisationId: entry.organisationId },
        });
        reassigned.push({ id: entry.id, reference: entry.reference, version: version + 1 });
      }
      return { reassigned, unchanged: found.length - reassigned.length };
    });
  }

  /**
   * Closing needs a reason and a supervisor's approval: a caseworker's request waits
   * for a supervisor; a supervisor's own request is their approval.
   */
  async requestClosure(caller: Caller, id: string, request: ClosureRequest): Promise<CaseDetail> {
    await this.transactions.withTransaction(async () => {
      const found = await this.access.findOpenForUpdate(caller, id);
      if (found.closureRequestedAt) throw new ConflictError('A closure is already waiting for a decision.');
      const comment = request.comment
        ? (await this.vault.sealerFor(id)).seal('history-comment', request.comment)
        : null;
      const approvesItself = caller.ability.can('approve', subjectOf(found));
      const columns: Partial<CaseEntity> = approvesItself
        ? { status: 'Closed', closedAt: new Date(), closureReason: request.reason }
        : { closureReason: request.reason, closureRequestedBy: caller.actor.id, closureRequestedAt: new Date() };
      await this.applyVersioned(found, request.version, columns);
      await this.cases.recordChanges(caller.actor.id, id, [
        { section: 'closure', action: 'requested', field: 'reason', newValue: request.reason, sealedComment: comment },
        ...(approvesItself
          ? [{ section: 'closure', action: 'approved', field: 'status', oldValue: found.status, newValue: 'Closed' }]
          : []),
      ]);
      await this.audit.record(caller, {
        action: approvesItself ? 'case.closed' : 'case.closure.requested',
        category: 'case',
        subject: { type: 'Case', id, organisationId: found.organisationId },
      });
    });
    return this.get(caller, id);
  }

  async decideClosure(caller: Caller, id: string, request: DecisionRequest): Promise<CaseDetail> {
    await this.transactions.withTransaction(async () => {
      const found = await this.access.findForAction(caller, id, 'approve');
      if (!found.closureRequestedAt) throw new ConflictError('No closure is waiting for a decision on this case.');
      const comment = request.comment
        ? (await this.vault.sealerFor(id)).seal('history-comment', request.comment)
        : null;
      const approved = request.decision === 'approve';
      const cleared = { closureRequestedBy: null, closureRequestedAt: null };
      await this.applyVersioned(
        found,
        request.version,
        approved ? { ...cleared, status: 'Closed', closedAt: new Date() } : { ...cleared, closureReason: null },
      );
      await this.cases.recordChanges(caller.actor.id, id, [
        approved
          ? {
              section: 'closure',
              action: 'approved',
              field: 'status',
              oldValue: found.status,
              newValue: 'Closed',
              sealedComment: comment,
            }
          : { section: 'closure', action: 'rejected', sealedComment: comment },
      ]);
      await this.audit.record(caller, {
        action: approved ? 'case.closed' : 'case.closure.rejected',
        category: 'case',
        subject: { type: 'Case', id, organisationId: found.organisationId },
      });
    });
    return this.get(caller, id);
  }

  async reopen(caller: Caller, id: string, request: ReopenRequest): Promise<CaseDetail> {
    await this.transactions.withTransaction(async () => {
      const found = await this.access.findForAction(caller, id, 'update');
      if (found.status !== 'Closed') throw new ConflictError('Only a closed case can be reopened.');
      const reason = (await this.vault.sealerFor(id)).seal('history-comment', request.reason);
      await this.applyVersioned(found, request.version, { status: 'Active', closedAt: null, closureReason: null });
      await this.cases.recordChanges(caller.actor.id, id, [
        {
          section: 'closure',
          action: 'reopened',
          field: 'status',
          oldValue: 'Closed',
          newValue: 'Active',
          sealedComment: reason,
        },
      ]);
      await this.audit.record(caller, {
        action: 'case.reopened',
        category: 'case',
        subject: { type: 'Case', id, organisationId: found.organisationId },
      });
    });
    return this.get(caller, id);
  }

  /** Closure requests waiting for the supervisor's decision (for "my work"). */
  async pendingClosures(caller: Caller): Promise<CaseEntity[]> {
    if (!caller.ability.can('approve', 'Case')) return [];
    return this.cases.pendingClosures(caller.actor.organisationId);
  }

  countOpen(caller: Caller, scopeAction: CaseAction = 'read'): Promise<{ active: number; highRisk: number }> {
    return this.cases.countOpen(scopeOf(caller.ability, scopeAction, 'Case'));
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  /** Writes `columns` only if the case is still at the version the caller saw; otherwise 409 with the current version. */
  private async applyVersioned(found: CaseEntity, version: number, columns: Partial<CaseEntity>): Promise<void> {
    if (found.version !== version || !(await this.cases.updateIfVersion(found.id, version, columns))) {
      throw new ConflictError('Someone else changed this case since you opened it. Reload to see their changes.', {
        currentVersion: found.version,
      });
    }
  }

  /** Keyed hash of the normalised name and birth year (see identity-keys.ts). */
  private duplicateKey(
    givenName: string,
    familyName: string,
    dateOfBirth: string | undefined,
    estimatedAge: number | undefined,
    on: Date,
  ): Buffer {
    return duplicateKeyOf(this.encryption, givenName, familyName, dateOfBirth, estimatedAge, on);
  }

  /** Caseworkers register into their own caseload; supervisors may assign to a colleague. */
  private async chooseAssignee(
    caller: Caller,
    requested: string | undefined,
  ): Promise<{ id: string; displayName: string; team: string | null }> {
    const self = requested === undefined || requested === caller.actor.id;
    if (!self && !caller.ability.can('assign', 'Case')) {
      throw new BadRequestError('You can only register cases into your own caseload.', [
        { field: 'assigneeId', message: 'Not allowed for your role' },
      ]);
    }
    const assignee = await this.users.findAssignable(requested ?? caller.actor.id, caller.actor.organisationId);
    if (!assignee)
      throw new BadRequestError('Choose a caseworker of your organisation.', [
        { field: 'assigneeId', message: 'Not a caseworker of your organisation' },
      ]);
    return assignee;
  }
}

/** The duplicate warning of a check or a registration: references only of the cases the caller may open. */
function duplicateWarningOf(duplicates: PossibleDuplicate[]): {
  possibleDuplicates: { reference: string }[];
  withheldDuplicate: boolean;
} {
  return {
    possibleDuplicates: duplicates
      .filter((duplicate) => duplicate.readable)
      .map((duplicate) => ({ reference: duplicate.reference })),
    withheldDuplicate: duplicates.some((duplicate) => !duplicate.readable),
  };
}

/** The caller's organisation as an audit subject (a duplicate check is about no one case). */
function ownOrganisationOf(caller: Caller) {
  return { type: 'Organisation', id: caller.actor.organisationId, organisationId: caller.actor.organisationId };
}

/** A case as a subject of the access policy, to ask about this one record. */
function subjectOf(found: CaseEntity) {
  return recordOf('Case', {
    organisationId: found.organisationId,
    assigneeId: found.assigneeId,
    team: found.team,
    sensitive: found.sensitive,
  });
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

/** History keeps coded values only; arrays of codes are joined. */
function codeText(value: unknown): string | null {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function ageOn(dateOfBirth: string | undefined, today: Date): number | null {
  if (!dateOfBirth) return null;
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  return Math.max(0, age);
}

/** What the shown-name rule needs of a case (a list row reads its assignee through the join, not the column). */
function namedCaseOf(found: Pick<CaseEntity, 'id' | 'assigneeId' | 'assignee' | 'sensitive'>): NamedCase {
  return { id: found.id, assigneeId: found.assignee?.id ?? found.assigneeId ?? null, sensitive: found.sensitive };
}
