import { Controller, Param, Res, StreamableFile } from '@nestjs/common';
import {
  indicatorReportSchema,
  publishedStatisticsTableSchema,
  statisticsCatalogueSchema,
  statisticsDownloadQuerySchema,
  statisticsQuerySchema,
  type StatisticsCatalogue,
  type StatisticsDownloadQuery,
  type StatisticsQuery,
} from '@haven/contracts';
import type { Response } from 'express';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Query, Route } from '../../core/http/route.decorator.js';
import type { SerialisedAnswer } from './published-answers.js';
import { StatisticsService, type Download } from './statistics.service.js';

/** Anonymised statistics: counts over fixed tables, never a row about a case. */
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Route({
    method: 'GET',
    path: 'tables',
    permission: ['read', 'Statistics'],
    summary:
      'The fixed statistics tables and indicators, the organisations you may filter by, and the controls in force',
    response: statisticsCatalogueSchema,
  })
  catalogue(@CurrentCaller() caller: Caller): Promise<StatisticsCatalogue> {
    return this.statistics.catalogue(caller);
  }

  @Route({
    method: 'GET',
    path: 'tables/:table',
    permission: ['read', 'Statistics'],
    summary: 'One table as published, period by period, after disclosure control',
    query: statisticsQuerySchema,
    response: publishedStatisticsTableSchema,
  })
  async table(
    @CurrentCaller() caller: Caller,
    @Param('table') table: string,
    @Query() query: StatisticsQuery,
    @Res() response: Response,
  ): Promise<void> {
    json(response, await this.statistics.tableJson(caller, table, query));
  }

  @Route({
    method: 'GET',
    path: 'tables/:table/download',
    permission: ['read', 'Statistics'],
    summary: 'One table as published, as CSV or XLSX (audited)',
    query: statisticsDownloadQuerySchema,
  })
  async downloadTable(
    @CurrentCaller() caller: Caller,
    @Param('table') table: string,
    @Query() query: StatisticsDownloadQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.statistics.downloadTable(caller, table, query));
  }

  @Route({
    method: 'GET',
    path: 'indicators',
    permission: ['read', 'Statistics'],
    summary: 'The donor indicator report, period by period, each definition next to it',
    query: statisticsQuerySchema,
    response: indicatorReportSchema,
  })
  async indicators(
    @CurrentCaller() caller: Caller,
    @Query() query: StatisticsQuery,
    @Res() response: Response,
  ): Promise<void> {
    json(response, await this.statistics.indicatorsJson(caller, query));
  }

  @Route({
    method: 'GET',
    path: 'indicators/download',
    permission: ['read', 'Statistics'],
    summary: 'The indicator report as CSV or XLSX (audited)',
    query: statisticsDownloadQuerySchema,
  })
  async downloadIndicators(
    @CurrentCaller() caller: Caller,
    @Query() query: StatisticsDownloadQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.statistics.downloadIndicators(caller, query));
  }
}

/**
 * An answer the service serialised once for everyone with the same scope
 * (published-answers.ts), sent as it is: with its entity tag set, Express neither
 * re-serialises nor re-hashes it, and answers 304 to a reader who already has it.
 */
function json(response: Response, answer: SerialisedAnswer): void {
  response.type('application/json');
  response.setHeader('ETag', answer.etag);
  response.send(answer.body);
}

function send(response: Response, download: Download): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(download.body, {
    type: download.contentType,
    disposition: `attachment; filename="${download.filename}"`,
    length: download.body.length,
  });
}
