import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type SelectQueryBuilder } from 'typeorm';
import type { Scope } from '@haven/access';
import { SEAT_HOLDING_STATUSES, TRADE_MAX_LENGTH, type KeysetQuery, type ProgrammeSort } from '@haven/contracts';
import { EnrolmentAttendanceEntity } from './enrolment-attendance.entity.js';
import { EnrolmentEntity } from './enrolment.entity.js';
import { EnrolmentFollowUpEntity } from './enrolment-follow-up.entity.js';
import { TrainingProgrammeEntity } from './training-programme.entity.js';
import { keysetPlan, readKeysetPage, type KeysetEntityPage, type KeysetList } from '../../core/database/keyset.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/**
 * The programme list's sorts (PROGRAMME_SORTS), each read in the order of an index on
 * (owner, key, id) for the organisation that runs it and (provider, key, id) for a partner that
 * provides it (migration 1764499400003).
 */
const PROGRAMME_LIST: KeysetList<ProgrammeSort> = {
  sorts: {
    trade: { column: 'p.trade', type: 'text', maxLength: TRADE_MAX_LENGTH },
    createdAt: { column: 'p.created_at', type: 'timestamptz' },
  },
  id: { column: 'p.id', type: 'uuid' },
};

export type NewProgramme = Pick<
  TrainingProgrammeEntity,
  | 'ownerOrganisationId'
  | 'providerOrganisationId'
  | 'trade'
  | 'place'
  | 'startsOn'
  | 'endsOn'
  | 'seats'
  | 'language'
  | 'createdBy'
>;
export type ProgrammeChanges = Partial<
  Pick<TrainingProgrammeEntity, 'trade' | 'place' | 'startsOn' | 'endsOn' | 'seats' | 'language'>
>;
export type NewEnrolment = Pick<
  EnrolmentEntity,
  'programmeId' | 'caseId' | 'status' | 'waitlistedAt' | 'enrolledAt' | 'createdBy'
>;
export type EnrolmentChanges = Partial<
  Pick<
    EnrolmentEntity,
    | 'status'
    | 'dropoutReason'
    | 'sessionsAttended'
    | 'sessionsTotal'
    | 'certificateObtained'
    | 'outcome'
    | 'outcomeRecordedOn'
    | 'enrolledAt'
    | 'completedAt'
  >
>;

export type NewAttendance = Pick<
  EnrolmentAttendanceEntity,
  'enrolmentId' | 'programmeId' | 'caseId' | 'sessionOn' | 'status' | 'recordedBy'
>;
export type NewFollowUp = Pick<
  EnrolmentFollowUpEntity,
  'enrolmentId' | 'caseId' | 'followedUpOn' | 'outcome' | 'sealedNote' | 'recordedBy'
>;

/** An enrolment's dated records, each oldest first. */
export interface EnrolmentRecords {
  attendance: EnrolmentAttendanceEntity[];
  followUps: EnrolmentFollowUpEntity[];
  /** Opens the follow-ups' sealed notes (set by the service, which holds the case's key). */
  openNote?: (sealed: Buffer) => string;
}

export interface SeatCounts {
  seatsTaken: number;
  waiting: number;
}

/** An enrolment with the reference of its case (never a name). */
export interface EnrolmentWithCase {
  enrolment: EnrolmentEntity;
  caseReference: string;
}

/** The case columns a case scope may name (the `Case` subject fields of libs/access), as properties of the case entity. */
const CASE_SCOPE_FIELDS = new Set(['organisationId', 'assigneeId', 'team', 'sensitive']);
const OPEN_CASE_STATUSES = ['Active', 'FollowUp'];
const ONE_ENROLMENT_PER_CASE = 'enrolment_programme_id_case_id_key';

/**
 * Programmes and enrolments. Programme queries take the caller's programme scope (owner or
 * provider organisation); enrolments are read through a programme in scope or a case in scope.
 */
@Injectable()
export class TrainingRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  // ── Programmes ───────────────────────────────────────────────────────────

  /** One page of the programmes in scope (run by the caller's organisation, or provided by it) by cursor (PROGRAMME_LIST). */
  async pageInScope(
    scope: Scope,
    query: KeysetQuery<ProgrammeSort>,
  ): Promise<KeysetEntityPage<TrainingProgrammeEntity>> {
    if (scope.length === 0) return { rows: [], plan: keysetPlan(query, PROGRAMME_LIST.sorts[query.sort]), count: 0 };
    const builder = this.dataSource
      .getRepository(TrainingProgrammeEntity)
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.ownerOrganisation', 'owner_organisation')
      .leftJoinAndSelect('p.providerOrganisation', 'provider_organisation');
    // The caller's scope: equalities OR-ed together (owner, or provider for a partner).
    const scopeClauses = scope.map((allowed, index) => {
      const parts = Object.entries(allowed).map(([field, value]) => {
        builder.setParameter(`scope${index}_${field}`, value);
        return `p.${field} = :scope${index}_${field}`;
      });
      return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
    });
    builder.where(`(${scopeClauses.join(' OR ')})`);
    return readKeysetPage(this.dataSource, builder, PROGRAMME_LIST, query);
  }

  async findInScope(id: string, scope: Scope): Promise<TrainingProgrammeEntity | null> {
    if (scope.length === 0) return null;
    return this.transactions.manager.getRepository(TrainingProgrammeEntity).findOne({
      where: scope.map((allowed) => ({ ...allowed, id })),
      relations: { ownerOrganisation: true, providerOrganisation: true },
    });
  }

  /**
   * The programme, locked until the transaction ends (SELECT … FOR UPDATE): seats are
   * counted and given one at a time, so two enrolments cannot both take the last seat.
   */
  async lockInScope(id: string, scope: Scope): Promise<TrainingProgrammeEntity | null> {
    if (scope.length === 0) return null;
    return this.transactions.manager
      .getRepository(TrainingProgrammeEntity)
      .findOne({ where: scope.map((allowed) => ({ ...allowed, id })), lock: { mode: 'pessimistic_write' } });
  }

  async insertProgramme(values: NewProgramme): Promise<string> {
    const result = await this.transactions.manager
      .getRepository(TrainingProgrammeEntity)
      .insert({ ...values, createdAt: new Date(), version: 1 });
    return result.identifiers[0]!.id as string;
  }

  async updateProgrammeIfVersion(id: string, version: number, changes: ProgrammeChanges): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(TrainingProgrammeEntity)
      .update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }

  async seatCounts(programmeIds: string[]): Promise<Map<string, SeatCounts>> {
    if (programmeIds.length === 0) return new Map();
    const rows: (SeatCounts & { programmeId: string })[] = await this.transactions.manager.query(
      `SELECT programme_id AS "programmeId",
              count(*) FILTER (WHERE status = ANY($2::text[]))::int AS "seatsTaken",
              count(*) FILTER (WHERE status = 'waitingList')::int AS waiting
         FROM app.enrolment
        WHERE programme_id = ANY($1::uuid[])
        GROUP BY programme_id`,
      [programmeIds, [...SEAT_HOLDING_STATUSES]],
    );
    return new Map(rows.map(({ programmeId, seatsTaken, waiting }) => [programmeId, { seatsTaken, waiting }]));
  }

  // ── Enrolments ───────────────────────────────────────────────────────────

  /**
   * A programme's enrolments with case references, in order: holding a seat, then waiting
   * (oldest first), then dropped out. With `caseScope`, only the cases inside it (in the query).
   */
  async enrolmentsForProgramme(programmeId: string, caseScope?: Scope): Promise<EnrolmentWithCase[]> {
    if (caseScope && caseScope.length === 0) return [];
    const query = this.withCaseReference(this.dataSource.getRepository(EnrolmentEntity).createQueryBuilder('enrolment'))
      .where('enrolment.programmeId = :programmeId', { programmeId })
      .orderBy(`CASE enrolment.status WHEN 'waitingList' THEN 1 WHEN 'droppedOut' THEN 2 ELSE 0 END`, 'ASC')
      .addOrderBy('enrolment.waitlistedAt', 'ASC', 'NULLS FIRST')
      .addOrderBy('enrolment.createdAt', 'ASC');
    if (caseScope) query.andWhere(caseScopeBrackets(caseScope));
    return this.withReferences(query);
  }

  /** A case's enrolments with their programmes. Callers check the case is in scope first. */
  enrolmentsForCase(caseId: string): Promise<EnrolmentEntity[]> {
    return this.dataSource.getRepository(EnrolmentEntity).find({
      where: { caseId },
      relations: { programme: { providerOrganisation: true } },
      order: { createdAt: 'DESC' },
    });
  }

  async findEnrolment(programmeId: string, id: string): Promise<EnrolmentWithCase | null> {
    const query = this.withCaseReference(
      this.transactions.manager.getRepository(EnrolmentEntity).createQueryBuilder('enrolment'),
    )
      .where('enrolment.id = :id', { id })
      .andWhere('enrolment.programmeId = :programmeId', { programmeId });
    return (await this.withReferences(query))[0] ?? null;
  }

  findCaseEnrolment(caseId: string, id: string): Promise<EnrolmentEntity | null> {
    return this.dataSource
      .getRepository(EnrolmentEntity)
      .findOne({ where: { caseId, id }, relations: { programme: { providerOrganisation: true } } });
  }

  /** Waiting-list ids of a programme, oldest first (for positions). */
  async waitingIds(programmeId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(EnrolmentEntity).find({
      select: { id: true },
      where: { programmeId, status: 'waitingList' },
      order: { waitlistedAt: 'ASC', createdAt: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  /** Answers null when the case is already on this programme. */
  async insertEnrolment(values: NewEnrolment): Promise<string | null> {
    try {
      const result = await this.transactions.manager.getRepository(EnrolmentEntity).insert({
        ...values,
        dropoutReason: null,
        sessionsAttended: 0,
        sessionsTotal: null,
        certificateObtained: false,
        outcome: null,
        outcomeRecordedOn: null,
        completedAt: null,
        createdAt: new Date(),
        version: 1,
      });
      return result.identifiers[0]!.id as string;
    } catch (error) {
      const failure = error as { code?: string; constraint?: string };
      if (failure?.code === '23505' && failure.constraint === ONE_ENROLMENT_PER_CASE) return null;
      throw error;
    }
  }

  async updateEnrolmentIfVersion(id: string, version: number, changes: EnrolmentChanges): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(EnrolmentEntity)
      .update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }

  /** The longest-waiting enrolment of the programme whose case is still open (call with the programme locked). */
  async oldestWaiting(programmeId: string): Promise<EnrolmentWithCase | null> {
    const query = this.withCaseReference(
      this.transactions.manager.getRepository(EnrolmentEntity).createQueryBuilder('enrolment'),
    )
      .where('enrolment.programmeId = :programmeId', { programmeId })
      .andWhere(`enrolment.status = 'waitingList'`)
      .andWhere('c.status IN (:...openStatuses)', { openStatuses: OPEN_CASE_STATUSES })
      .orderBy('enrolment.waitlistedAt', 'ASC')
      .addOrderBy('enrolment.createdAt', 'ASC')
      .limit(1);
    return (await this.withReferences(query))[0] ?? null;
  }

  /** Gives a waiting enrolment a seat. */
  async promote(id: string): Promise<void> {
    await this.transactions.manager
      .getRepository(EnrolmentEntity)
      .update(
        { id, status: 'waitingList' },
        { status: 'enrolled', enrolledAt: new Date(), version: () => 'version + 1' },
      );
  }

  // ── Attendance and follow-ups ────────────────────────────────────────────

  /** Anonymisation (retention, erasure): keeps dates, attendance and outcomes; drops the follow-ups' notes. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(`UPDATE app.enrolment_follow_up SET sealed_note = NULL WHERE case_id = $1`, [
      caseId,
    ]);
  }

  /** The dated records of these enrolments, each list oldest first (one query per table, not per enrolment). */
  async recordsFor(enrolmentIds: string[]): Promise<Map<string, EnrolmentRecords>> {
    const records = new Map<string, EnrolmentRecords>(
      enrolmentIds.map((id) => [id, { attendance: [], followUps: [] }]),
    );
    if (enrolmentIds.length === 0) return records;
    const manager = this.transactions.manager;
    const [attendance, followUps] = await Promise.all([
      manager.getRepository(EnrolmentAttendanceEntity).find({
        where: { enrolmentId: In(enrolmentIds) },
        order: { sessionOn: 'ASC' },
      }),
      manager.getRepository(EnrolmentFollowUpEntity).find({
        where: { enrolmentId: In(enrolmentIds) },
        order: { followedUpOn: 'ASC', recordedAt: 'ASC' },
      }),
    ]);
    for (const row of attendance) records.get(row.enrolmentId)?.attendance.push(row);
    for (const row of followUps) records.get(row.enrolmentId)?.followUps.push(row);
    return records;
  }

  /** Records a session; a record for the same enrolment and date replaces it. Answers the day's previous status. */
  async upsertAttendance(values: NewAttendance): Promise<EnrolmentAttendanceEntity['status'] | null> {
    const repository = this.transactions.manager.getRepository(EnrolmentAttendanceEntity);
    const previous = await repository.findOne({
      where: { enrolmentId: values.enrolmentId, sessionOn: values.sessionOn },
      lock: { mode: 'pessimistic_write' },
    });
    if (previous) {
      await repository.update(
        { enrolmentId: values.enrolmentId, sessionOn: values.sessionOn },
        { status: values.status, recordedBy: values.recordedBy, recordedAt: new Date() },
      );
      return previous.status;
    }
    await repository.insert({ ...values, recordedAt: new Date() });
    return null;
  }

  /** The sessions recorded present: the enrolment's attended sessions. */
  presentCount(enrolmentId: string): Promise<number> {
    return this.transactions.manager
      .getRepository(EnrolmentAttendanceEntity)
      .count({ where: { enrolmentId, status: 'present' } });
  }

  async hasAttendance(enrolmentId: string): Promise<boolean> {
    return this.transactions.manager.getRepository(EnrolmentAttendanceEntity).exists({ where: { enrolmentId } });
  }

  async insertFollowUp(values: NewFollowUp): Promise<void> {
    await this.transactions.manager
      .getRepository(EnrolmentFollowUpEntity)
      .insert({ ...values, recordedAt: new Date() });
  }

  /** The latest follow-up (by date, then by when recorded): its outcome is the enrolment's. */
  latestFollowUp(enrolmentId: string): Promise<EnrolmentFollowUpEntity | null> {
    return this.transactions.manager.getRepository(EnrolmentFollowUpEntity).findOne({
      where: { enrolmentId },
      order: { followedUpOn: 'DESC', recordedAt: 'DESC' },
    });
  }

  /** Moves the enrolment's version on after a change to its records (their readers reload by it). */
  async touchEnrolment(id: string, changes: EnrolmentChanges): Promise<void> {
    await this.transactions.manager
      .getRepository(EnrolmentEntity)
      .update({ id }, { ...changes, version: () => 'version + 1' });
  }

  private withCaseReference(query: SelectQueryBuilder<EnrolmentEntity>): SelectQueryBuilder<EnrolmentEntity> {
    return query.innerJoin('CaseEntity', 'c', 'c.id = enrolment.caseId').addSelect('c.reference', 'case_reference');
  }

  private async withReferences(query: SelectQueryBuilder<EnrolmentEntity>): Promise<EnrolmentWithCase[]> {
    const { entities, raw } = await query.getRawAndEntities<{ enrolment_id: string; case_reference: string }>();
    const references = new Map(raw.map((row) => [row.enrolment_id, row.case_reference]));
    return entities.map((enrolment) => ({ enrolment, caseReference: references.get(enrolment.id) ?? '' }));
  }
}

/** `(c.a = … AND c.b = …) OR (…)` over the case columns a scope names. */
function caseScopeBrackets(scope: Scope): Brackets {
  return new Brackets((anyOf) => {
    scope.forEach((allowed, index) => {
      anyOf.orWhere(
        new Brackets((allOf) => {
          allOf.where('TRUE');
          Object.entries(allowed).forEach(([field, value], position) => {
            if (!CASE_SCOPE_FIELDS.has(field)) throw new Error(`Unknown case scope field: ${field}`);
            allOf.andWhere(`c.${field} = :scope_${index}_${position}`, { [`scope_${index}_${position}`]: value });
          });
        }),
      );
    });
  });
}
