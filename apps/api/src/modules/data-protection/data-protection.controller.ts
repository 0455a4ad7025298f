import { Controller, Res, StreamableFile } from '@nestjs/common';
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
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { OrganisationsService } from '../../core/organisations/organisations.service.js';
import { AccessExportService } from './access-export.service.js';
import { toOrganisationRetention } from './data-protection.mapper.js';
import { DataProtectionService } from './data-protection.service.js';
import { RetentionService } from './retention.service.js';

@Controller()
export class DataProtectionController {
  constructor(
    private readonly dataProtection: DataProtectionService,
    private readonly accessExports: AccessExportService,
    private readonly retention: RetentionService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Route({
    method: 'GET',
    path: 'cases/:id/data-protection',
    permission: ['export', 'Case'],
    summary: 'Whether the case is anonymised, and the tombstone of an erasure (supervisors)',
    response: dataProtectionStatusSchema,
  })
  status(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<DataProtectionStatus> {
    return this.dataProtection.status(caller, id);
  }

  @Route({
    method: 'POST',
    path: 'cases/:id/erasure',
    permission: ['approve', 'Case'],
    summary:
      'Record a survivor’s erasure request: anonymises your organisation’s copies of the case and asks every other organisation holding one to confirm (supervisors)',
    body: erasureRequestSchema,
    response: dataProtectionStatusSchema,
    status: 200,
  })
  erase(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ErasureRequest,
  ): Promise<DataProtectionStatus> {
    return this.dataProtection.erase(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: 'cases/:id/erasure-requests/confirm',
    permission: ['approve', 'Case'],
    summary:
      'Confirm the erasure another organisation recorded for the survivor: anonymises this organisation’s copy (supervisors)',
    body: confirmErasureRequestSchema,
    response: dataProtectionStatusSchema,
    status: 200,
  })
  confirmErasureRequest(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ConfirmErasureRequest,
  ): Promise<DataProtectionStatus> {
    return this.dataProtection.confirmRequest(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: 'cases/:id/access-export',
    permission: ['export', 'Case'],
    summary:
      'A survivor’s access request: all her data as an AES-256 encrypted zip (JSON, HTML, CSV) under the given password (supervisors)',
    body: accessExportRequestSchema,
    status: 200,
  })
  async accessExport(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: AccessExportRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { fileName, archive } = await this.accessExports.export(caller, id, body.password);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(archive, { type: 'application/zip', disposition: `attachment; filename="${fileName}"` });
  }

  @Route({
    method: 'GET',
    path: 'data-protection/organisations',
    permission: ['manage', 'Organisation'],
    summary: 'Every organisation with its retention period, and the shortest period allowed (administrators)',
    response: organisationRetentionListSchema,
  })
  async retentionSettings(): Promise<{ items: OrganisationRetention[]; minimumMonths: number }> {
    return {
      items: (await this.organisations.listAll()).map(toOrganisationRetention),
      minimumMonths: this.organisations.retentionMinimumMonths,
    };
  }

  @Route({
    method: 'GET',
    path: 'data-protection/retention-runs',
    permission: ['manage', 'Organisation'],
    summary: 'The latest runs of the retention job and what each did (administrators)',
    response: retentionRunListSchema,
  })
  retentionRuns(): Promise<{ items: RetentionRun[] }> {
    return this.retention.latestRuns();
  }
}
