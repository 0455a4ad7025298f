import { Injectable } from '@nestjs/common';
import { recordOf, scopeOf } from '@haven/access';
import {
  SEAT_HOLDING_STATUSES,
  type AddFollowUpRequest,
  type CreateProgrammeRequest,
  type RecordAttendanceRequest,
  type EnrolRequest,
  type Enrolment,
  type EnrolmentList,
  type EnrolmentStatus,
  type ProgrammeDetail,
  type ProgrammeEnrolment,
  type ProgrammeList,
  type ProgrammeListQuery,
  type UpdateEnrolmentRequest,
  type UpdateProgrammeRequest,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type FieldError,
} from '../../core/errors/problem.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { OrganisationsService } from '../../core/organisations/organisations.service.js';
import type { EnrolmentEntity } from './enrolment.entity.js';
import type { TrainingProgrammeEntity } from './training-programme.entity.js';
import { FOLLOW_UP_NOTE, toEnrolment, toProgrammeEnrolment, toProgrammeSummary } from './training.mapper.js';
import {
  TrainingRepository,
  type EnrolmentChanges,
  type EnrolmentRecords,
  type ProgrammeChanges,
} from './training.repository.js';
import { keysetResponse } from '../../core/database/keyset.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

type CaseChangeList = Parameters<CaseHistory['recordChanges']>[2];

/** Where an enrolment may go from each status. */
const TRANSITIONS: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  waitingList: ['enrolled', 'droppedOut'],
  enrolled: ['attending', 'completed', 'droppedOut'],
  attending: ['completed', 'droppedOut'],
  completed: [],
  droppedOut: [],
};
const SEAT_HOLDING = new Set<EnrolmentStatus>(SEAT_HOLDING_STATUSES);
/** What a provider (partner) may record: attendance, completion, certificate. */
const PROVIDER_FIELDS = new Set(['version', 'status', 'sessionsAttended', 'sessionsTotal', 'certificateObtained']);
const PROVIDER_STATUSES = new Set<EnrolmentStatus>(['attending', 'completed']);
const PROVIDER_KINDS = new Set(['partner', 'shelter', 'training']);

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Vocational training: programmes with seats, enrolments with a waiting list served
 * oldest first. Seats are counted and given with the programme row locked, so two
 * enrolments cannot take the last seat and a freed seat goes to exactly one person.
 * The provider partner records attendance and completion, seeing the case by reference only.
 */
@Injectable()
export class TrainingService {
  constructor(
    private readonly training: TrainingRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
    private readonly vault: CaseVault,
  ) {}

  // ── Programmes ───────────────────────────────────────────────────────────

  /** One page of the programmes by cursor, with seats taken and waiting (counted for the page's programmes only). */
  async listProgrammes(caller: Caller, query: ProgrammeListQuery): Promise<ProgrammeList> {
    const { rows, plan, count } = await this.training.pageInScope(
      scopeOf(caller.ability, 'read', 'TrainingProgramme'),
      query,
    );
    const counts = await this.training.seatCounts(rows.map((row) => row.entity.id));
    return keysetResponse(rows, query, plan, count, ({ entity }) => toProgrammeSummary(entity, counts.get(entity.id)));
  }

  /**
   * The programme with its enrolments by case reference. Its own organisation's supervisors
   * and the provider see every enrolment (the provider without case ids); a caseworker sees
   * the enrolments of the cases they may read.
   */
  async getProgramme(caller: Caller, id: string): Promise<ProgrammeDetail> {
    const programme = await this.training.findInScope(id, scopeOf(caller.ability, 'read', 'TrainingProgramme'));
    if (!programme) throw new NotFoundError();
    const worksOnAll = caller.ability.can('update', subjectOf(programme));
    const [counts, enrolments, waiting] = await Promise.all([
      this.training.seatCounts([id]),
      this.training.enrolmentsForProgramme(id, worksOnAll ? undefined : scopeOf(caller.ability, 'read', 'Case')),
      this.training.waitingIds(id),
    ]);
    // Case ids go to the programme's own organisation: its supervisors, and caseworkers (who see only cases they may read). Never to the provider.
    const withCaseId = this.manages(caller, programme) || !worksOnAll;
    // The provider never gets follow-ups, so their notes are opened only for the programme's own organisation.
    const records = withCaseId
      ? await this.recordsWithNotes(enrolments.map(({ enrolment }) => enrolment))
      : await this.training.recordsFor(enrolments.map(({ enrolment }) => enrolment.id));
    return {
      ...toProgrammeSummary(programme, counts.get(id)),
      enrolments: enrolments.map(({ enrolment, caseReference }) =>
        toProgrammeEnrolment(
          enrolment,
          caseReference,
          position(waiting, enrolment.id),
          withCaseId,
          records.get(enrolment.id),
        ),
      ),
    };
  }

  async createProgramme(caller: Caller, request: CreateProgrammeRequest): Promise<ProgrammeDetail> {
    const provider = await this.organisations.get(request.providerOrganisationId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!provider || !PROVIDER_KINDS.has(provider.kind)) {
      throw new BadRequestError('Choose a partner or shelter organisation as the provider.', [
        { field: 'providerOrganisationId', message: 'Not a training provider' },
      ]);
    }
    const ownerOrganisationId = caller.actor.organisationId;
    const id = await this.transactions.withTransaction(async () => {
      const programmeId = await this.training.insertProgramme({
        ownerOrganisationId,
        providerOrganisationId: provider.id,
        trade: request.trade,
        place: request.place,
        startsOn: request.startsOn,
        endsOn: request.endsOn,
        seats: request.seats,
        language: request.language,
        createdBy: caller.actor.id,
      });
      await this.audit.record(caller, {
        action: 'training.programme.created',
        category: 'system',
        subject: { type: 'TrainingProgramme', id: programmeId, organisationId: ownerOrganisationId },
      });
      return programmeId;
    });
    return this.getProgramme(caller, id);
  }

  /** More seats move the waiting list up; fewer seats than are taken are refused. */
  async updateProgramme(caller: Caller, id: string, request: UpdateProgrammeRequest): Promise<ProgrammeDetail> {
    await this.transactions.withTransaction(async () => {
      const programme = await this.training.lockInScope(id, scopeOf(caller.ability, 'manage', 'TrainingProgramme'));
      if (!programme) throw new NotFoundError();
      if (programme.version !== request.version) throw staleProgramme(programme);
      const startsOn = request.startsOn ?? programme.startsOn;
      const endsOn = request.endsOn ?? programme.endsOn;
      if (endsOn < startsOn)
        throw new BadRequestError('The programme cannot end before it starts.', [
          { field: 'endsOn', message: `On or after ${startsOn}` },
        ]);
      const changes: ProgrammeChanges = {};
      for (const field of ['trade', 'place', 'startsOn', 'endsOn', 'seats', 'language'] as const) {
        const next = request[field];
        if (next !== undefined && next !== programme[field]) Object.assign(changes, { [field]: next });
      }
      if (Object.keys(changes).length === 0) return;
      const taken = (await this.training.seatCounts([id])).get(id)?.seatsTaken ?? 0;
      if (changes.seats !== undefined && changes.seats < taken) {
        throw new ConflictError(`${taken} people hold a seat in this programme; the seats cannot be fewer.`, {
          seatsTaken: taken,
        });
      }
      if (!(await this.training.updateProgrammeIfVersion(id, request.version, changes)))
        throw staleProgramme(programme);
      await this.audit.record(caller, {
        action: 'training.programme.updated',
        category: 'system',
        subject: { type: 'TrainingProgramme', id, organisationId: programme.ownerOrganisationId },
      });
      if (changes.seats !== undefined && changes.seats > programme.seats)
        await this.fillSeats(caller, { ...programme, seats: changes.seats });
    });
    return this.getProgramme(caller, id);
  }

  // ── Enrolments ───────────────────────────────────────────────────────────

  async listForCase(caller: Caller, caseId: string): Promise<EnrolmentList> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const enrolments = await this.training.enrolmentsForCase(caseId);
    const records = await this.recordsWithNotes(enrolments);
    const items: Enrolment[] = [];
    for (const enrolment of enrolments) {
      const waiting = enrolment.status === 'waitingList' ? await this.training.waitingIds(enrolment.programmeId) : [];
      items.push(toEnrolment(enrolment, position(waiting, enrolment.id), records.get(enrolment.id)));
    }
    return { items };
  }

  /** A free seat enrols the case; a full programme puts it on the waiting list. */
  async enrol(caller: Caller, caseId: string, request: EnrolRequest): Promise<Enrolment> {
    const enrolmentId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const programme = await this.training.lockInScope(
        request.programmeId,
        scopeOf(caller.ability, 'read', 'TrainingProgramme'),
      );
      if (!programme || programme.ownerOrganisationId !== found.organisationId) {
        throw new BadRequestError('Choose a programme of the case’s organisation.', [
          { field: 'programmeId', message: 'No such programme' },
        ]);
      }
      if (programme.endsOn < isoDay(new Date())) throw new ConflictError('This programme has ended.');
      const taken = (await this.training.seatCounts([programme.id])).get(programme.id)?.seatsTaken ?? 0;
      const seat = taken < programme.seats;
      const now = new Date();
      const id = await this.training.insertEnrolment({
        programmeId: programme.id,
        caseId,
        status: seat ? 'enrolled' : 'waitingList',
        waitlistedAt: seat ? null : now,
        enrolledAt: seat ? now : null,
        createdBy: caller.actor.id,
      });
      if (!id) throw new ConflictError('The survivor is already on this programme.');
      await this.caseHistory.recordChanges(caller, caseId, [
        {
          section: 'training',
          action: seat ? 'enrolled' : 'waitlisted',
          field: 'programme',
          newValue: programme.trade,
        },
      ]);
      await this.audit.record(caller, {
        action: 'enrolment.created',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    const enrolment = (await this.training.findCaseEnrolment(caseId, enrolmentId))!;
    return toEnrolment(
      enrolment,
      position(
        enrolment.status === 'waitingList' ? await this.training.waitingIds(enrolment.programmeId) : [],
        enrolmentId,
      ),
    );
  }

  /**
   * Records attendance, completion, certificate, dropout and the outcome after training.
   * The provider partner may record attendance, completion and the certificate only. A seat
   * freed by a dropout goes, in the same transaction, to the longest-waiting open case.
   */
  async updateEnrolment(
    caller: Caller,
    programmeId: string,
    enrolmentId: string,
    request: UpdateEnrolmentRequest,
  ): Promise<ProgrammeEnrolment> {
    const ownOrganisation = await this.transactions.withTransaction(async () => {
      const { programme, enrolment, manages } = await this.enrolmentForWriting(caller, programmeId, enrolmentId);
      if (!manages) refuseBeyondProvider(request);
      if (enrolment.version !== request.version) throw staleEnrolment(enrolment);
      // Once sessions are recorded by date, the attended figure is counted from them, never typed.
      if (request.sessionsAttended !== undefined && (await this.training.hasAttendance(enrolmentId))) {
        throw new BadRequestError('Attendance is recorded session by session for this enrolment.', [
          { field: 'sessionsAttended', message: 'Counted from the dated attendance records' },
        ]);
      }
      const { columns, changes } = this.changesFor(enrolment, request, programme);
      if (columns.status === 'enrolled') {
        const taken = (await this.training.seatCounts([programmeId])).get(programmeId)?.seatsTaken ?? 0;
        if (taken >= programme.seats)
          throw new ConflictError('The programme is full; the enrolment stays on the waiting list.', {
            seatsTaken: taken,
          });
      }
      if (changes.length === 0) return manages;
      // An outcome given here is a follow-up on its day, so the enrolment's outcome stays the latest follow-up's
      // (a stale version below rolls the follow-up back with the rest).
      if (columns.outcome) {
        await this.training.insertFollowUp({
          enrolmentId,
          caseId: enrolment.caseId,
          followedUpOn: columns.outcomeRecordedOn!,
          outcome: columns.outcome,
          sealedNote: null,
          recordedBy: caller.actor.id,
        });
        const latest = (await this.training.latestFollowUp(enrolmentId))!;
        columns.outcome = latest.outcome;
        columns.outcomeRecordedOn = latest.followedUpOn;
      }
      if (!(await this.training.updateEnrolmentIfVersion(enrolmentId, request.version, columns)))
        throw staleEnrolment(enrolment);
      await this.caseHistory.recordChanges(caller, enrolment.caseId, changes);
      await this.audit.record(caller, {
        action: 'enrolment.updated',
        category: 'case',
        subject: { type: 'Case', id: enrolment.caseId, organisationId: programme.ownerOrganisationId },
      });
      if (columns.status === 'droppedOut' && SEAT_HOLDING.has(enrolment.status))
        await this.fillSeats(caller, programme);
      return manages;
    });
    return this.programmeEnrolment(programmeId, enrolmentId, ownOrganisation);
  }

  /**
   * Records one session's attendance (present, absent or excused), by the programme's own
   * organisation or its provider, as attendance counts were. One record per enrolment and
   * date: recording the same date again replaces that day's record. The attended figure is
   * the sessions recorded present.
   */
  async recordAttendance(
    caller: Caller,
    programmeId: string,
    enrolmentId: string,
    request: RecordAttendanceRequest,
  ): Promise<ProgrammeEnrolment> {
    const manages = await this.transactions.withTransaction(async () => {
      const { programme, enrolment, manages } = await this.enrolmentForWriting(caller, programmeId, enrolmentId);
      const errors: FieldError[] = [];
      if (request.date < programme.startsOn) errors.push({ field: 'date', message: 'Not before the programme starts' });
      if (enrolment.status === 'waitingList')
        errors.push({ field: 'date', message: 'Not before the survivor is enrolled' });
      if (errors.length) throw new BadRequestError('This session cannot be recorded.', errors);
      const previous = await this.training.upsertAttendance({
        enrolmentId,
        programmeId,
        caseId: enrolment.caseId,
        sessionOn: request.date,
        status: request.status,
        recordedBy: caller.actor.id,
      });
      const attended = await this.training.presentCount(enrolmentId);
      if (enrolment.sessionsTotal !== null && attended > enrolment.sessionsTotal) {
        throw new BadRequestError('More sessions attended than held.', [
          { field: 'status', message: `At most the ${enrolment.sessionsTotal} sessions held` },
        ]);
      }
      await this.training.touchEnrolment(enrolmentId, { sessionsAttended: attended });
      await this.caseHistory.recordChanges(caller, enrolment.caseId, [
        {
          section: 'training',
          action: 'enrolment.updated',
          field: 'attendance',
          oldValue: previous === null ? null : `${request.date} ${previous}`,
          newValue: `${request.date} ${request.status}`,
        },
      ]);
      await this.audit.record(caller, {
        action: 'enrolment.attendance.recorded',
        category: 'case',
        subject: { type: 'Case', id: enrolment.caseId, organisationId: programme.ownerOrganisationId },
      });
      return manages;
    });
    return this.programmeEnrolment(programmeId, enrolmentId, manages);
  }

  /**
   * Adds a dated follow-up after training (the programme's own organisation only): the
   * outcome on that day. The enrolment's outcome is the latest follow-up's.
   */
  async addFollowUp(
    caller: Caller,
    programmeId: string,
    enrolmentId: string,
    request: AddFollowUpRequest,
  ): Promise<ProgrammeEnrolment> {
    await this.transactions.withTransaction(async () => {
      const { programme, enrolment, manages } = await this.enrolmentForWriting(caller, programmeId, enrolmentId);
      if (!manages) throw new ForbiddenError('Follow-ups are recorded by the organisation that referred the survivor.');
      const errors: FieldError[] = [];
      if (enrolment.status !== 'completed' && enrolment.status !== 'droppedOut')
        errors.push({ field: 'followedUpOn', message: 'Recorded after the training has ended' });
      else if (request.followedUpOn < programme.startsOn)
        errors.push({ field: 'followedUpOn', message: 'Not before the programme starts' });
      else if (enrolment.completedAt && request.followedUpOn < isoDay(enrolment.completedAt))
        errors.push({ field: 'followedUpOn', message: 'Not before the training was completed' });
      if (errors.length) throw new BadRequestError('This follow-up cannot be recorded.', errors);
      await this.training.insertFollowUp({
        enrolmentId,
        caseId: enrolment.caseId,
        followedUpOn: request.followedUpOn,
        outcome: request.outcome,
        sealedNote: request.note
          ? (await this.vault.sealerFor(enrolment.caseId)).seal(FOLLOW_UP_NOTE, request.note)
          : null,
        recordedBy: caller.actor.id,
      });
      await this.syncOutcome(enrolmentId);
      await this.caseHistory.recordChanges(caller, enrolment.caseId, [
        {
          section: 'training',
          action: 'enrolment.updated',
          field: 'followUp',
          oldValue: null,
          newValue: `${request.followedUpOn} ${request.outcome}`,
        },
      ]);
      await this.audit.record(caller, {
        action: 'enrolment.followUp.added',
        category: 'case',
        subject: { type: 'Case', id: enrolment.caseId, organisationId: programme.ownerOrganisationId },
      });
    });
    return this.programmeEnrolment(programmeId, enrolmentId, true);
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  /**
   * The programme (locked) and enrolment a caller may write to: the programme's own organisation
   * (on a case it may update) or the provider. Anything else answers 404.
   */
  private async enrolmentForWriting(caller: Caller, programmeId: string, enrolmentId: string) {
    const programme = await this.training.lockInScope(
      programmeId,
      scopeOf(caller.ability, 'update', 'TrainingProgramme'),
    );
    if (!programme) throw new NotFoundError();
    const found = await this.training.findEnrolment(programmeId, enrolmentId);
    if (!found) throw new NotFoundError();
    const manages = this.manages(caller, programme);
    if (manages) await this.caseAccess.findOpenForUpdate(caller, found.enrolment.caseId);
    return { programme, enrolment: found.enrolment, manages };
  }

  /**
   * The enrolments' dated records, the follow-ups' notes opened with their case's key (only
   * cases with a note are asked for one). Callers decide who sees follow-ups (never the provider).
   */
  private async recordsWithNotes(enrolments: { id: string; caseId: string }[]): Promise<Map<string, EnrolmentRecords>> {
    const records = await this.training.recordsFor(enrolments.map((enrolment) => enrolment.id));
    for (const enrolment of enrolments) {
      const own = records.get(enrolment.id);
      if (!own?.followUps.some((followUp) => followUp.sealedNote)) continue;
      const sealer = await this.vault.sealerFor(enrolment.caseId);
      own.openNote = (sealed) => sealer.open(FOLLOW_UP_NOTE, sealed);
    }
    return records;
  }

  /** The enrolment's outcome is its latest follow-up's. */
  private async syncOutcome(enrolmentId: string): Promise<void> {
    const latest = await this.training.latestFollowUp(enrolmentId);
    await this.training.touchEnrolment(enrolmentId, {
      outcome: latest?.outcome ?? null,
      outcomeRecordedOn: latest?.followedUpOn ?? null,
    });
  }

  private async programmeEnrolment(
    programmeId: string,
    enrolmentId: string,
    ownOrganisation: boolean,
  ): Promise<ProgrammeEnrolment> {
    const found = (await this.training.findEnrolment(programmeId, enrolmentId))!;
    const waiting = found.enrolment.status === 'waitingList' ? await this.training.waitingIds(programmeId) : [];
    const records = ownOrganisation
      ? await this.recordsWithNotes([found.enrolment])
      : await this.training.recordsFor([enrolmentId]);
    return toProgrammeEnrolment(
      found.enrolment,
      found.caseReference,
      position(waiting, enrolmentId),
      ownOrganisation,
      records.get(enrolmentId),
    );
  }

  /** Whether the caller works for the programme's own organisation (not only as its provider). */
  private manages(caller: Caller, programme: TrainingProgrammeEntity): boolean {
    return caller.ability.can('manage', subjectOf(programme));
  }

  /** Gives free seats to the longest-waiting open cases, one by one (call with the programme locked). */
  private async fillSeats(caller: Caller, programme: TrainingProgrammeEntity): Promise<void> {
    let taken = (await this.training.seatCounts([programme.id])).get(programme.id)?.seatsTaken ?? 0;
    while (taken < programme.seats) {
      const next = await this.training.oldestWaiting(programme.id);
      if (!next) return;
      await this.training.promote(next.enrolment.id);
      await this.caseHistory.recordChanges(caller, next.enrolment.caseId, [
        {
          section: 'training',
          action: 'enrolment.promoted',
          field: 'status',
          oldValue: 'waitingList',
          newValue: 'enrolled',
        },
      ]);
      await this.audit.record(caller, {
        action: 'enrolment.promoted',
        category: 'case',
        subject: { type: 'Case', id: next.enrolment.caseId, organisationId: programme.ownerOrganisationId },
      });
      taken += 1;
    }
  }

  private changesFor(
    enrolment: EnrolmentEntity,
    request: UpdateEnrolmentRequest,
    programme: Pick<TrainingProgrammeEntity, 'startsOn'>,
  ): { columns: EnrolmentChanges; changes: CaseChangeList } {
    const columns: EnrolmentChanges = {};
    const changes: CaseChangeList = [];
    const errors: FieldError[] = [];
    const record = (field: string, oldValue: unknown, newValue: unknown) =>
      changes.push({
        section: 'training',
        action: 'enrolment.updated',
        field,
        oldValue: oldValue === null ? null : String(oldValue),
        newValue: newValue === null ? null : String(newValue),
      });
    const now = new Date();

    if (request.status !== undefined && request.status !== enrolment.status) {
      if (!TRANSITIONS[enrolment.status].includes(request.status)) {
        throw new ConflictError(`An enrolment that is ${enrolment.status} cannot become ${request.status}.`);
      }
      columns.status = request.status;
      if (request.status === 'enrolled') columns.enrolledAt = now;
      if (request.status === 'completed') columns.completedAt = now;
      record('status', enrolment.status, request.status);
    }
    const status = columns.status ?? enrolment.status;
    if (request.completedOn !== undefined) {
      // A completion is dated on or after the programme's first day, never before it started.
      if (status !== 'completed')
        errors.push({ field: 'completedOn', message: 'Only once the programme is completed' });
      else if (request.completedOn < programme.startsOn)
        errors.push({ field: 'completedOn', message: 'Not before the programme starts' });
      else if (request.completedOn !== (enrolment.completedAt ? isoDay(enrolment.completedAt) : null)) {
        columns.completedAt = new Date(`${request.completedOn}T12:00:00Z`);
        record('completedOn', enrolment.completedAt ? isoDay(enrolment.completedAt) : null, request.completedOn);
      }
    } else if (columns.status === 'completed' && isoDay(now) < programme.startsOn) {
      errors.push({ field: 'completedOn', message: 'Not before the programme starts' });
    }
    if (request.dropoutReason !== undefined && request.dropoutReason !== enrolment.dropoutReason) {
      columns.dropoutReason = request.dropoutReason;
      record('dropoutReason', enrolment.dropoutReason, request.dropoutReason);
    }

    const attended = request.sessionsAttended ?? enrolment.sessionsAttended;
    const total = request.sessionsTotal !== undefined ? request.sessionsTotal : enrolment.sessionsTotal;
    if (request.sessionsAttended !== undefined || request.sessionsTotal !== undefined) {
      if (status === 'waitingList' && attended > 0)
        errors.push({ field: 'sessionsAttended', message: 'Not before the survivor is enrolled' });
      if (total !== null && attended > total)
        errors.push({ field: 'sessionsAttended', message: `At most the ${total} sessions held` });
    }
    if (request.sessionsAttended !== undefined && request.sessionsAttended !== enrolment.sessionsAttended) {
      columns.sessionsAttended = request.sessionsAttended;
      record('sessionsAttended', enrolment.sessionsAttended, request.sessionsAttended);
    }
    if (request.sessionsTotal !== undefined && request.sessionsTotal !== enrolment.sessionsTotal) {
      columns.sessionsTotal = request.sessionsTotal;
      record('sessionsTotal', enrolment.sessionsTotal, request.sessionsTotal);
    }

    if (request.certificateObtained !== undefined && request.certificateObtained !== enrolment.certificateObtained) {
      if (request.certificateObtained && status !== 'completed')
        errors.push({ field: 'certificateObtained', message: 'Only once the programme is completed' });
      columns.certificateObtained = request.certificateObtained;
      record('certificateObtained', enrolment.certificateObtained, request.certificateObtained);
    }

    if (request.outcome !== undefined) {
      if (status !== 'completed' && status !== 'droppedOut')
        errors.push({ field: 'outcome', message: 'Recorded after the training has ended' });
      const recordedOn = request.outcomeRecordedOn ?? isoDay(now);
      if (request.outcome !== enrolment.outcome || recordedOn !== enrolment.outcomeRecordedOn) {
        columns.outcome = request.outcome;
        columns.outcomeRecordedOn = recordedOn;
        record('outcome', enrolment.outcome, request.outcome);
      }
    }
    if (errors.length) throw new BadRequestError('Some fields do not fit the enrolment.', errors);
    return { columns, changes };
  }
}

/** A programme as a subject of the access policy. */
function subjectOf(programme: TrainingProgrammeEntity) {
  return recordOf('TrainingProgramme', {
    ownerOrganisationId: programme.ownerOrganisationId,
    providerOrganisationId: programme.providerOrganisationId,
  });
}

/** 1-based place on the waiting list, or null. */
function position(waiting: string[], enrolmentId: string): number | null {
  const index = waiting.indexOf(enrolmentId);
  return index === -1 ? null : index + 1;
}

/** A provider records attendance, completion and the certificate; everything else is the programme's organisation's. */
function refuseBeyondProvider(request: UpdateEnrolmentRequest): void {
  const errors: FieldError[] = Object.entries(request)
    .filter(([field, value]) => value !== undefined && !PROVIDER_FIELDS.has(field))
    .map(([field]) => ({ field, message: 'Recorded by the organisation that referred the survivor' }));
  if (request.status !== undefined && !PROVIDER_STATUSES.has(request.status)) {
    errors.push({ field: 'status', message: 'A provider records attendance and completion only' });
  }
  if (errors.length)
    throw new BadRequestError('As the provider you can record attendance, completion and the certificate.', errors);
}

function staleProgramme(programme: TrainingProgrammeEntity): ConflictError {
  return new ConflictError('Someone else changed this programme since you opened it. Reload to see their changes.', {
    currentVersion: programme.version,
  });
}

function staleEnrolment(enrolment: EnrolmentEntity): ConflictError {
  return new ConflictError('Someone else changed this enrolment since you opened it. Reload to see their changes.', {
    currentVersion: enrolment.version,
  });
}
