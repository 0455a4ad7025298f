import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import {
  accessExportRequestSchema,
  confirmErasureRequestSchema,
  dataProtectionStatusSchema,
  erasureRequestSchema,
  organisationRetentionListSchema,
  retentionRunListSchema,
  type AccessExportRequest,
  type ConfirmErasureRequest,
  type DataProtectionStatus,
  type ErasureRequest,
  type OrganisationRetention,
  type RetentionRun,
} from '@haven/contracts';
import type { Response } from 'express';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { AccessExportService } from './access-export.service.js';
import { toOrganisationRetention } from './data-protection.mapper.js';
import { DataProtectionService } from './data-protection.service.js';
import { RetentionService } from './retention.service.js';

const caseId = new ParseUUIDPipe();

@Controller()
export class DataProtectionController {
  constructor(
    private readonly dataProtection: DataProtectionService,
    private readonly accessExports: AccessExportService,
    private readonly retention: RetentionService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('cases/:id/data-protection')
  @RequireAccess('export', 'Case')
  @ApiContract({ summary: 'Whether the case is anonymised, and the tombstone of an erasure (supervisors)', response: dataProtectionStatusSchema })
  status(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string): Promise<DataProtectionStatus> {
    return this.dataProtection.status(caller, id);
  }

  @Post('cases/:id/erasure')
  @RequireAccess('approve', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Record a survivor’s erasure request: anonymises your organisation’s copies of the case and asks every other organisation holding one to confirm (supervisors)', body: erasureRequestSchema, response: dataProtectionStatusSchema, status: 200 })
  erase(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(erasureRequestSchema)) body: ErasureRequest): Promise<DataProtectionStatus> {
    return this.dataProtection.erase(caller, id, body);
  }

  @Post('cases/:id/erasure-requests/confirm')
  @RequireAccess('approve', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Confirm the erasure another organisation recorded for the survivor: anonymises this organisation’s copy (supervisors)', body: confirmErasureRequestSchema, response: dataProtectionStatusSchema, status: 200 })
  confirmErasureRequest(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(confirmErasureRequestSchema)) body: ConfirmErasureRequest): Promise<DataProtectionStatus> {
    return this.dataProtection.confirmRequest(caller, id, body);
  }

  @Post('cases/:id/access-export')
  @RequireAccess('export', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'A survivor’s access request: all her data as an AES-256 encrypted zip (JSON, HTML, CSV) under the given password (supervisors)', body: accessExportRequestSchema, status: 200 })
  async accessExport(
    @CurrentCaller() caller: Caller,
    @Param('id', caseId) id: string,
    @Body(new ZodPipe(accessExportRequestSchema)) body: AccessExportRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { fileName, archive } = await this.accessExports.export(caller, id, body.password);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(archive, { type: 'application/zip', disposition: `attachment; filename="${fileName}"` });
  }

  @Get('data-protection/organisations')
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'Every organisation with its retention period, and the shortest period allowed (administrators)', response: organisationRetentionListSchema })
  async retentionSettings(): Promise<{ items: OrganisationRetention[]; minimumMonths: number }> {
    return { items: (await this.organisations.listAll()).map(toOrganisationRetention), minimumMonths: this.organisations.retentionMinimumMonths };
  }

  @Get('data-protection/retention-runs')
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'The latest runs of the retention job and what each did (administrators)', response: retentionRunListSchema })
  retentionRuns(): Promise<{ items: RetentionRun[] }> {
    return this.retention.latestRuns();
  }
}
