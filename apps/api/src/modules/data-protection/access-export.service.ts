import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { EXPORT_PASSWORD_MAX_LENGTH } from '@haven/contracts';
import type { Archiver } from 'archiver';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { requireAcceptablePassword } from '../../core/auth/password-policy.js';
import { CaseDataContributors, readAllCursorPages, type SubjectExportSection } from '../cases/case-data-contributor.js';
import { CasesService } from '../cases/cases.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { renderAccessExportCsv, renderAccessExportHtml, type AccessExportData } from './access-export.js';

/** archiver 7 is CommonJS with a factory API (the installed type declarations describe the later class API). */
interface ArchiverFactory {
  create(format: string, options: Record<string, unknown>): Archiver;
  registerFormat(format: string, module: unknown): void;
  isRegisteredFormat(format: string): boolean;
}
const require = createRequire(import.meta.url);
const archiver = require('archiver') as ArchiverFactory;
const FORMAT = 'zip-encrypted';
// archiver keeps registered formats for the whole process and refuses a second registration.
if (!archiver.isRegisteredFormat(FORMAT)) archiver.registerFormat(FORMAT, require('archiver-zip-encrypted'));

const HISTORY_PAGE_SIZE = 100;

export interface AccessExport {
  fileName: string;
  archive: Readable;
}

/**
 * A survivor's access request (docs/architecture.md, rule 10): everything Haven holds about her — the case
 * and its history, and what each feature that holds case data contributes (CaseDataContributor)
 * — read through the same services (and access checks) as the screens, as JSON, a readable HTML
 * document and a CSV of the identity and case facts, in an AES-256 encrypted zip. The
 * password comes with the request and goes only into the encryption: never stored, never
 * logged. File names inside the archive are not encrypted (zip format), so they say nothing.
 */
@Injectable()
export class AccessExportService {
  constructor(
    private readonly caseAccess: CaseAccess,
    private readonly cases: CasesService,
    private readonly contributors: CaseDataContributors,
    private readonly audit: AuditService,
  ) {}

  async export(caller: Caller, caseId: string, password: string): Promise<AccessExport> {
    // Supervisors of the case's organisation only (404 otherwise); an anonymised case has nothing left to export.
    const found = await this.caseAccess.findForAction(caller, caseId, 'export');
    // The archive may travel by e-mail or USB stick: its password must resist offline guessing, so the
    // estimator that guards account passwords guards it too, with the supervisor and the case as context.
    const owner = { email: caller.actor.email, displayName: caller.actor.displayName, otherWords: [found.reference] };
    await requireAcceptablePassword(password, owner, 'password', { maxLength: EXPORT_PASSWORD_MAX_LENGTH });
    const { data, titles, files } = await this.collect(caller, caseId);
    await this.audit.record(caller, {
      action: 'case.exported',
      category: 'case',
      subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
    });
    const archive = archiver.create(FORMAT, { zlib: { level: 8 }, encryptionMethod: 'aes256', password });
    archive.append(JSON.stringify(data, null, 2), { name: 'case-data.json' });
    archive.append(renderAccessExportHtml(data, titles), { name: 'case-data.html' });
    archive.append(renderAccessExportCsv(data), { name: 'case-summary.csv' });
    // Her files, by id: the names they had on the uploader's device are in the data, not in the archive's listing.
    for (const file of files) archive.append(await file.open(), { name: file.path });
    void archive.finalize();
    return { fileName: `haven-access-export-${found.reference}.zip`, archive };
  }

  /** The data, and the readable document's title of each of its sections. */
  private async collect(
    caller: Caller,
    caseId: string,
  ): Promise<{
    data: AccessExportData;
    titles: Record<string, string>;
    files: NonNullable<SubjectExportSection['files']>;
  }> {
    // A feature left out would hide from her part of what Haven holds: refuse rather than export in part.
    this.contributors.assertEveryFeatureContributes('exportForSubject');
    // The identity first: on an anonymised case it answers 410 and nothing else is read.
    const { caseId: _id, version: _version, ...identity } = await this.cases.readIdentity(caller, caseId);
    const detail = await this.cases.get(caller, caseId);
    const [contributed, history] = await Promise.all([
      Promise.all(this.contributors.all().map((contributor) => contributor.exportForSubject?.(caller, caseId) ?? [])),
      readAllCursorPages((cursor) =>
        this.cases.history(caller, caseId, {
          sort: 'occurredAt',
          order: 'desc',
          cursor,
          page: 1,
          pageSize: HISTORY_PAGE_SIZE,
        }),
      ),
    ]);
    const sections = [...contributed.flat(), { name: 'history', title: 'History of changes', content: history }];
    return {
      data: {
        exportedAt: new Date().toISOString(),
        case: detail,
        identity,
        sections: Object.fromEntries(sections.map((section) => [section.name, section.content])),
      },
      titles: Object.fromEntries(sections.map((section) => [section.name, section.title])),
      files: sections.flatMap((section) => ('files' in section ? (section.files ?? []) : [])),
    };
  }
}
