import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { EXPORT_PASSWORD_MAX_LENGTH } from '@haven/contracts';
import type { Archiver } from 'archiver';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { requireAcceptablePassword } from '../../core/auth/password-policy.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { CasesService } from '../cases/cases.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { NotesService } from '../notes/notes.service.js';
import { ProtectionService } from '../protection/protection.service.js';
import { ReferralsService } from '../referrals/referrals.service.js';
import { ReintegrationService } from '../reintegration/reintegration.service.js';
import { ServiceRecordsService } from '../service-records/service-records.service.js';
import { PlacementsService } from '../shelters/placements.service.js';
import { SupportPlansService } from '../support-plans/support-plans.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { TrainingService } from '../training/training.service.js';
import { TransfersService } from '../transfers/transfers.service.js';
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

const PAGE_SIZE = 100;

export interface AccessExport {
  fileName: string;
  archive: Readable;
}

/**
 * A survivor's access request (DESIGN.md §5.10): everything Haven holds about her, read
 * through the same services (and access checks) as the screens, as JSON, a readable HTML
 * document and a CSV of the identity and case facts, in an AES-256 encrypted zip. The
 * password comes with the request and goes only into the encryption: never stored, never
 * logged. File names inside the archive are not encrypted (zip format), so they say nothing.
 */
@Injectable()
export class AccessExportService {
  constructor(
    private readonly cases: CasesService,
    private readonly consents: ConsentsService,
    private readonly assessments: AssessmentsService,
    private readonly supportPlans: SupportPlansService,
    private readonly serviceRecords: ServiceRecordsService,
    private readonly notes: NotesService,
    private readonly placements: PlacementsService,
    private readonly referrals: ReferralsService,
    private readonly training: TrainingService,
    private readonly reintegration: ReintegrationService,
    private readonly protection: ProtectionService,
    private readonly transfers: TransfersService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  async export(caller: Caller, caseId: string, password: string): Promise<AccessExport> {
    // Supervisors of the case's organisation only (404 otherwise); an anonymised case has nothing left to export.
    const found = await this.cases.findForAction(caller, caseId, 'export');
    // The archive may travel by e-mail or USB stick: its password must resist offline guessing, so the
    // estimator that guards account passwords guards it too, with the supervisor and the case as context.
    const owner = { email: caller.actor.email, displayName: caller.actor.displayName, otherWords: [found.reference] };
    await requireAcceptablePassword(password, owner, 'password', { maxLength: EXPORT_PASSWORD_MAX_LENGTH });
    const data = await this.collect(caller, caseId);
    await this.audit.record(caller, { action: 'case.exported', category: 'case', subject: { type: 'Case', id: caseId, organisationId: found.organisationId } });
    const archive = archiver.create(FORMAT, { zlib: { level: 8 }, encryptionMethod: 'aes256', password });
    archive.append(JSON.stringify(data, null, 2), { name: 'case-data.json' });
    archive.append(renderAccessExportHtml(data), { name: 'case-data.html' });
    archive.append(renderAccessExportCsv(data), { name: 'case-summary.csv' });
    void archive.finalize();
    return { fileName: `haven-access-export-${found.reference}.zip`, archive };
  }

  private async collect(caller: Caller, caseId: string): Promise<AccessExportData> {
    // The identity first: on an anonymised case it answers 410 and nothing else is read.
    const { caseId: _id, version: _version, ...identity } = await this.cases.readIdentity(caller, caseId);
    const detail = await this.cases.get(caller, caseId);
    const [consents, assessments, supportPlan, services, notes, placements, referrals, enrolments, reintegration, protectionReviews, transfers, tasks, history] = await Promise.all([
      this.consents.list(caller, caseId),
      this.assessments.list(caller, caseId),
      this.supportPlans.get(caller, caseId),
      this.serviceRecords.list(caller, caseId),
      this.allPages((page) => this.notes.list(caller, caseId, { page, pageSize: PAGE_SIZE })),
      this.placements.list(caller, caseId),
      this.referrals.listForCase(caller, caseId),
      this.training.listForCase(caller, caseId),
      this.reintegration.get(caller, caseId),
      this.protection.list(caller, caseId),
      this.transfers.listForCase(caller, caseId),
      this.tasks.list(caller, caseId),
      this.allPages((page) => this.cases.history(caller, caseId, { page, pageSize: PAGE_SIZE })),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      case: detail,
      identity,
      sections: {
        consents: consents.items,
        assessments: assessments.items,
        supportPlan,
        services: services.items,
        notes,
        placements,
        referrals: referrals.items,
        enrolments,
        reintegration,
        protectionReviews: protectionReviews.items,
        transfers: transfers.items,
        tasks: tasks.items,
        history,
      },
    };
  }

  private async allPages<T>(read: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page += 1) {
      const result = await read(page);
      items.push(...result.items);
      if (result.items.length === 0 || items.length >= result.total) return items;
    }
  }
}
