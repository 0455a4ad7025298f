import { Injectable } from '@nestjs/common';
import {
  REGISTER_FIELDS,
  type CapacityEventFields,
  type InstitutionFields,
  type ProgrammeRegister,
  type RegisterImportResult,
  type RegisterList,
  type RegisterListQuery,
  type RegisterRecord,
} from '@haven/contracts';
import type { z } from 'zod';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { boundedTotal } from '../../core/database/keyset.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { BadRequestError, ConflictError, NotFoundError, type FieldError } from '../../core/errors/problem.js';
import { candidatesOf, columnsOf, readCsv, type ImportCandidate } from './programme-csv.js';
import { ProgrammeRepository, type ProgrammeRecordRow } from './programme.repository.js';

const MOST_IMPORT_ROWS = 2_000;

/** A record's fields checked by its register's schema, or the problems, each naming the field. */
function checkFields(
  register: ProgrammeRegister,
  fields: unknown,
): { ok: true; fields: z.infer<(typeof REGISTER_FIELDS)[ProgrammeRegister]> } | { ok: false; problems: FieldError[] } {
  const result = REGISTER_FIELDS[register].safeParse(fields ?? {});
  if (result.success) return { ok: true, fields: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    })),
  };
}

/** The columns a record is searched and filtered by: its label and its period. */
function indexedColumns(fields: Record<string, unknown>) {
  return {
    label: String(fields.title ?? fields.topic ?? fields.name),
    startsOn: (fields.startsOn as string | undefined) ?? null,
    endsOn: (fields.endsOn as string | undefined) ?? null,
  };
}

function toRecord(row: ProgrammeRecordRow): RegisterRecord {
  return {
    id: row.id,
    register: row.register,
    fields: row.fields as never,
    recordedBy: row.recordedByName,
    recordedAt: new Date(row.recordedAt).toISOString(),
    version: row.version,
  };
}

/**
 * The programme registers (docs/architecture.md, "Programme registers"): the supervisors of an
 * implementing organisation record its campaigns, the institutions it supports and its
 * capacity-building events, and diaspora projects; every change is in the system audit.
 * Nothing here is about a survivor, and no manager reads a record — only the indicator report's sums.
 */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly records: ProgrammeRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async list(caller: Caller, register: ProgrammeRegister, query: RegisterListQuery): Promise<RegisterList> {
    const page = await this.records.list(caller.actor.organisationId, register, query);
    return {
      items: page.items.map(toRecord),
      page: query.cursor ? 1 : query.page,
      pageSize: query.pageSize,
      ...boundedTotal(page.counted),
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
    };
  }

  async get(caller: Caller, register: ProgrammeRegister, id: string): Promise<RegisterRecord> {
    const row = await this.records.find(caller.actor.organisationId, register, id);
    if (!row) throw new NotFoundError();
    return toRecord(row);
  }

  async create(caller: Caller, register: ProgrammeRegister, fields: unknown): Promise<RegisterRecord> {
    const checked = checkFields(register, fields);
    if (!checked.ok) throw invalid(checked.problems);
    const organisationId = caller.actor.organisationId;
    const id = await this.transactions.withTransaction(async () => {
      await this.checkInstitutions(organisationId, register, checked.fields);
      const inserted = await this.records.insert({
        organisationId,
        register,
        ...indexedColumns(checked.fields),
        fields: checked.fields,
        recordedBy: caller.actor.id,
      });
      if (!inserted) throw new ConflictError('This institution is already in the register (same name and country).');
      await this.audit.record(caller, {
        action: 'programme.record.created',
        category: 'system',
        subject: { type: 'ProgrammeRecord', id: inserted, organisationId },
      });
      return inserted;
    });
    return this.get(caller, register, id);
  }

  async update(
    caller: Caller,
    register: ProgrammeRegister,
    id: string,
    request: { version: number; fields: unknown },
  ): Promise<RegisterRecord> {
    const organisationId = caller.actor.organisationId;
    if (!(await this.records.find(organisationId, register, id))) throw new NotFoundError();
    const checked = checkFields(register, request.fields);
    if (!checked.ok) throw invalid(checked.problems);
    await this.transactions.withTransaction(async () => {
      await this.checkInstitutions(organisationId, register, checked.fields);
      const outcome = await this.records.updateIfVersion(organisationId, id, request.version, {
        ...indexedColumns(checked.fields),
        fields: checked.fields,
      });
      // The version now held lets the form tell a stale edit from any other refusal, and reload from it.
      if (outcome === 'stale')
        throw new ConflictError('Someone changed this record first: reload it and try again.', {
          currentVersion: (await this.records.find(organisationId, register, id))?.version,
        });
      if (outcome === 'duplicate')
        throw new ConflictError('This institution is already in the register (same name and country).');
      await this.audit.record(caller, {
        action: 'programme.record.updated',
        category: 'system',
        subject: { type: 'ProgrammeRecord', id, organisationId },
      });
    });
    return this.get(caller, register, id);
  }

  /** Removes a record; an institution that took part in an event stays (the event's count needs it). */
  async remove(caller: Caller, register: ProgrammeRegister, id: string): Promise<void> {
    const organisationId = caller.actor.organisationId;
    await this.transactions.withTransaction(async () => {
      const locked =
        register === 'institutions' ? await this.records.lockInstitutions(organisationId, [id], 'update') : null;
      if (!(await this.records.find(organisationId, register, id)) || (locked && !locked.has(id)))
        throw new NotFoundError();
      if (register === 'institutions' && (await this.records.institutionTookPart(organisationId, id)))
        throw new ConflictError(
          'This institution took part in a capacity-building event: remove it from the event first.',
        );
      await this.records.delete(organisationId, id);
      await this.audit.record(caller, {
        action: 'programme.record.deleted',
        category: 'system',
        subject: { type: 'ProgrammeRecord', id, organisationId },
      });
    });
  }

  /**
   * A spreadsheet of records: every row checked first; with `dryRun`, or when any row has a
   * problem, nothing is written and the answer lists every problem by line and column.
   * Otherwise all records are written in one transaction (all or none).
   */
  async import(
    caller: Caller,
    register: ProgrammeRegister,
    request: { csv: string; dryRun: boolean },
  ): Promise<RegisterImportResult> {
    const file = readCsv(request.csv);
    if (file.rows.length === 0)
      throw new BadRequestError('The file has no rows.', [{ field: 'csv', message: 'Add a row below the header' }]);
    if (file.rows.length > MOST_IMPORT_ROWS)
      throw new BadRequestError('The file is too long.', [
        { field: 'csv', message: `At most ${MOST_IMPORT_ROWS} rows per file` },
      ]);
    const known = new Set(columnsOf(register));
    const unknownColumns = file.header.filter((column) => !known.has(column));
    const organisationId = caller.actor.organisationId;
    const candidates = candidatesOf(register, file.rows);
    const registered =
      register === 'capacity-events' || register === 'institutions'
        ? await this.records.institutionsByName(organisationId)
        : null;
    const problems: RegisterImportResult['problems'] = [];
    const valid: z.infer<(typeof REGISTER_FIELDS)[ProgrammeRegister]>[] = [];
    // An institution is registered once (same name and country): the check says so before the import refuses it.
    const institutionLines = new Map<string, number>();
    for (const candidate of candidates) {
      const line = candidate.lines[0]!;
      const fields =
        register === 'capacity-events' ? withInstitutions(candidate, registered!, problems) : candidate.fields;
      const checked = checkFields(register, fields);
      if (checked.ok && register === 'institutions') {
        const institution = checked.fields as InstitutionFields;
        const key = institutionKey(institution.name, institution.country);
        const earlier = institutionLines.get(key);
        if (registered!.has(key))
          problems.push({ row: line, field: 'name', message: 'Already in your institution register' });
        else if (earlier !== undefined) problems.push({ row: line, field: 'name', message: `Also on line ${earlier}` });
        else institutionLines.set(key, line);
      }
      if (checked.ok) valid.push(checked.fields);
      else
        problems.push(
          ...checked.problems.map((problem) => ({
            row: candidate.lines[0]!,
            ...problem,
            field: problem.field || '(row)',
          })),
        );
    }
    const result = { dryRun: request.dryRun, rows: file.rows.length, problems, unknownColumns, written: 0 };
    if (request.dryRun || problems.length > 0) return result;
    await this.transactions.withTransaction(async () => {
      for (const [index, fields] of valid.entries()) {
        await this.checkInstitutions(organisationId, register, fields);
        const id = await this.records.insert({
          organisationId,
          register,
          ...indexedColumns(fields),
          fields,
          recordedBy: caller.actor.id,
        });
        if (!id)
          throw new ConflictError('An institution of the file is already in the register (same name and country).', {
            row: candidates[index]!.lines[0],
          });
      }
      await this.audit.record(caller, { action: 'programme.records.imported', category: 'system' });
    });
    return { ...result, written: valid.length };
  }

  /** An event may name only institutions of the caller's own register (locked until the write commits). */
  private async checkInstitutions(organisationId: string, register: ProgrammeRegister, fields: object): Promise<void> {
    if (register !== 'capacity-events') return;
    const participants = (fields as CapacityEventFields).participants;
    const found = await this.records.lockInstitutions(
      organisationId,
      participants.map((row) => row.institutionId),
    );
    const missing = participants.flatMap((row, index) =>
      found.has(row.institutionId)
        ? []
        : [{ field: `participants.${index}.institutionId`, message: 'Not an institution of your register' }],
    );
    if (missing.length > 0) throw invalid(missing);
  }
}

function invalid(problems: FieldError[]): BadRequestError {
  return new BadRequestError(
    'Some fields are missing or invalid.',
    problems.map((problem) => ({ ...problem, field: problem.field ? `fields.${problem.field}` : 'fields' })),
  );
}

/** How an institution is told apart in the register: its name (any case) and its country (institutionsByName). */
function institutionKey(name: string, country: string): string {
  return `${name.trim().toLowerCase()}|${country.toUpperCase()}`;
}

/** An imported event's institutions, named by name and country, turned into the register's ids. */
function withInstitutions(
  candidate: ImportCandidate,
  institutions: Map<string, string>,
  problems: RegisterImportResult['problems'],
): Record<string, unknown> {
  const participants = (candidate.institutions ?? []).flatMap((row) => {
    const id = institutions.get(institutionKey(row.name, row.country));
    if (!id) {
      problems.push({
        row: row.line,
        field: 'institution',
        message: 'Not in your institution register: import or add it first',
      });
      return [];
    }
    return [{ institutionId: id, women: row.women, men: row.men }];
  });
  return { ...candidate.fields, participants };
}
