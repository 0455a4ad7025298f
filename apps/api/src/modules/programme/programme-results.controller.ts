import { Controller, Res, StreamableFile } from '@nestjs/common';
import {
  programmeResultsSchema,
  programmeTargetListSchema,
  programmeTargetSchema,
  statisticsDownloadQuerySchema,
  statisticsQuerySchema,
  type ProgrammeResults,
  type ProgrammeTarget,
  type ProgrammeTargetList,
  type StatisticsDownloadQuery,
  type StatisticsQuery,
} from '@haven/contracts';
import type { Response } from 'express';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { sendDownload } from '../../core/http/download.js';
import { Body, Query, Route } from '../../core/http/route.decorator.js';
import { ProgrammeResultsService } from './programme-results.service.js';

/**
 * The programme's results against its targets: aggregates only, for those who read statistics
 * (managers, and supervisors for their own organisation). Targets are set by managers.
 */
@Controller('programme-results')
export class ProgrammeResultsController {
  constructor(private readonly results: ProgrammeResultsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Statistics'],
    summary: 'The headline results and case indicators, period by period, with progress against targets',
    query: statisticsQuerySchema,
    response: programmeResultsSchema,
  })
  report(@CurrentCaller() caller: Caller, @Query() query: StatisticsQuery): Promise<ProgrammeResults> {
    return this.results.results(caller, query);
  }

  @Route({
    method: 'GET',
    path: 'download',
    permission: ['read', 'Statistics'],
    summary: 'The results report as CSV or XLSX, laid out as a results framework (audited)',
    query: statisticsDownloadQuerySchema,
  })
  async download(
    @CurrentCaller() caller: Caller,
    @Query() query: StatisticsDownloadQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return sendDownload(response, await this.results.download(caller, query));
  }

  @Route({
    method: 'GET',
    path: 'targets',
    permission: ['read', 'Statistics'],
    summary: 'The targets of every result, per year',
    response: programmeTargetListSchema,
  })
  targets(): Promise<ProgrammeTargetList> {
    return this.results.targets();
  }

  @Route({
    method: 'PUT',
    path: 'targets',
    permission: ['manage', 'ProgrammeTarget'],
    summary: 'Set the baseline and target of a result for a year (managers; audited)',
    body: programmeTargetSchema,
    response: programmeTargetListSchema,
  })
  setTarget(@CurrentCaller() caller: Caller, @Body() body: ProgrammeTarget): Promise<ProgrammeTargetList> {
    return this.results.setTarget(caller, body);
  }
}
