import { Injectable } from '@nestjs/common';
import {
  BULK_IMPORT_COLUMNS,
  BULK_IMPORT_MAX_ROWS,
  inviteUserRequestSchema,
  type BulkImportRequest,
  type BulkImportResponse,
  type BulkImportRow,
  type InviteUserRequest,
} from '@haven/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../auth/caller.js';
import { BadRequestError, HavenError } from '../errors/problem.js';
import { parseCsv } from '../http/csv.js';
import type { OrganisationEntity } from '../organisations/organisation.entity.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { UserAdministrationService, type LinkBase } from './user-administration.service.js';
import { TransactionHost } from '../database/transaction-host.js';

type Column = (typeof BULK_IMPORT_COLUMNS)[number];

/**
 * Bulk invitation of staff from a CSV file (e-mail, name, role, organisation, team). Every row is
 * checked as a single invitation would be — by the caller's own rights, so a supervisor imports
 * caseworkers of their organisation only — and the dry run lists every problem. The import itself
 * refuses the whole file if any row has one, and otherwise invites everyone in one transaction,
 * answering each invitation's one-time link for hand-over.
 */
@Injectable()
export class StaffImportService {
  constructor(
    private readonly administration: UserAdministrationService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async import(caller: Caller, request: BulkImportRequest, linkBase: LinkBase): Promise<BulkImportResponse> {
    const records = parseCsv(request.csv);
    const header = (records.shift() ?? []).map((cell) => cell.trim().toLowerCase());
    const missing = BULK_IMPORT_COLUMNS.filter((column) => column !== 'team' && !header.includes(column));
    if (missing.length)
      throw new BadRequestError(`The first line must name the columns: ${BULK_IMPORT_COLUMNS.join(', ')}.`, [
        { field: 'csv', message: `Missing column: ${missing.join(', ')}` },
      ]);
    const lines = records
      .map((cells, index) => ({ line: index + 2, cells }))
      .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
    if (lines.length === 0)
      throw new BadRequestError('The file has no rows after the header.', [{ field: 'csv', message: 'No rows' }]);
    if (lines.length > BULK_IMPORT_MAX_ROWS)
      throw new BadRequestError(`At most ${BULK_IMPORT_MAX_ROWS} rows per file.`, [
        { field: 'csv', message: 'Too many rows' },
      ]);

    const byName = new Map(
      (await this.organisations.listAll()).map((organisation) => [organisation.name.toLowerCase(), organisation]),
    );
    const cell = (cells: string[], column: Column) =>
      header.includes(column) ? (cells[header.indexOf(column)] ?? '').trim() : '';
    const checked: { row: BulkImportRow; invitation?: InviteUserRequest }[] = [];
    const seen = new Map<string, number>();
    for (const { line, cells } of lines) {
      const organisation: OrganisationEntity | null = byName.get(cell(cells, 'organisation').toLowerCase()) ?? null;
      const raw = {
        email: cell(cells, 'email'),
        displayName: cell(cells, 'name'),
        role: cell(cells, 'role').toLowerCase(),
        organisationId: organisation?.id ?? '00000000-0000-4000-8000-000000000000',
        team: cell(cells, 'team') || null,
      };
      const row: BulkImportRow = {
        line,
        email: raw.email,
        displayName: raw.displayName,
        role: raw.role,
        organisation: cell(cells, 'organisation'),
        team: raw.team,
        problems: [],
      };
      const parsed = inviteUserRequestSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          row.problems.push({ field: columnOf(String(issue.path[0] ?? 'csv')), message: issue.message });
      } else {
        row.problems.push(...(await this.administration.invitationProblems(caller, parsed.data, organisation)));
        const earlier = seen.get(parsed.data.email);
        if (earlier) row.problems.push({ field: 'email', message: `Also on line ${earlier}` });
        seen.set(parsed.data.email, line);
      }
      checked.push({ row, invitation: parsed.success ? parsed.data : undefined });
    }
    const inUse = await this.administration.emailsInUse(
      checked.flatMap(({ invitation }) => (invitation ? [invitation.email] : [])),
    );
    for (const { row, invitation } of checked)
      if (invitation && inUse.has(invitation.email))
        row.problems.push({ field: 'email', message: 'An account with this e-mail address already exists' });

    const rows = checked.map(({ row }) => row);
    if (request.dryRun) return { dryRun: true, imported: 0, rows };
    const withProblems = rows.filter((row) => row.problems.length);
    if (withProblems.length) {
      throw new HavenError(
        422,
        'Import refused',
        `${withProblems.length} of ${rows.length} rows have problems; nothing was imported. Run the check again and correct them.`,
        withProblems.flatMap((row) =>
          row.problems.map((problem) => ({ field: `line ${row.line}: ${problem.field}`, message: problem.message })),
        ),
      );
    }
    const links = await this.transactions.withTransaction(async () => {
      const issued = await this.administration.inviteAll(
        caller,
        checked.map(({ invitation }) => invitation!),
        linkBase,
      );
      await this.audit.record(caller, {
        action: 'users.imported',
        category: 'system',
        subject: { type: 'Organisation', id: caller.actor.organisationId, organisationId: caller.actor.organisationId },
      });
      return issued;
    });
    checked.forEach(({ invitation }, index) =>
      this.administration.mailLink(invitation!.email, links[index]!, 'invitation'),
    );
    return {
      dryRun: false,
      imported: rows.length,
      rows: rows.map((row, index) => ({ ...row, activationLink: links[index] })),
    };
  }
}

function columnOf(field: string): string {
  return field === 'displayName' ? 'name' : field === 'organisationId' ? 'organisation' : field;
}
