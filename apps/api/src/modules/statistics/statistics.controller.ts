import { Controller, Param, Req, Res, StreamableFile } from '@nestjs/common';
import {
  indicatorReportSchema,
  openDataQuerySchema,
  openDataReportSchema,
  publishedStatisticsTableSchema,
  statisticsCatalogueSchema,
  statisticsDownloadQuerySchema,
  statisticsLanguage,
  statisticsQuerySchema,
  type OpenDataQuery,
  type OpenDataReport,
  type StatisticsCatalogue,
  type StatisticsDownloadQuery,
  type StatisticsQuery,
} from '@haven/contracts';
import type { Request, Response } from 'express';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { sendDownload } from '../../core/http/download.js';
import { Query, Route } from '../../core/http/route.decorator.js';
import { acceptsGzip, notModified, type SerialisedAnswer } from './published-answers.js';
import { StatisticsService } from './statistics.service.js';

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
  catalogue(@CurrentCaller() caller: Caller, @Req() request: Request): Promise<StatisticsCatalogue> {
    return this.statistics.catalogue(caller, statisticsLanguage(null, request.headers['accept-language']));
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
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    json(request, response, await this.statistics.tableJson(caller, table, query, request.headers['accept-language']));
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
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return sendDownload(
      response,
      await this.statistics.downloadTable(caller, table, query, request.headers['accept-language']),
    );
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
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    json(request, response, await this.statistics.indicatorsJson(caller, query, request.headers['accept-language']));
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
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return sendDownload(
      response,
      await this.statistics.downloadIndicators(caller, query, request.headers['accept-language']),
    );
  }

  @Route({
    method: 'GET',
    path: 'open-data',
    permission: ['read', 'Statistics'],
    summary:
      'The record-level open-data export of the release in force, in the global data hub’s form, each year k-anonymous and l-diverse and published once (managers; audited; 409 with differential privacy)',
    query: openDataQuerySchema,
  })
  async openData(
    @CurrentCaller() caller: Caller,
    // CSV is the one format: validated (400 for any other), nothing to choose from.
    @Query() _query: OpenDataQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return sendDownload(response, await this.statistics.openDataCsv(caller));
  }

  @Route({
    method: 'GET',
    path: 'open-data/report',
    permission: ['read', 'Statistics'],
    summary:
      'What the open-data export of the release in force generalised and suppressed, year by year, counts under k shown <k (managers; 409 with differential privacy)',
    response: openDataReportSchema,
  })
  openDataReport(@CurrentCaller() caller: Caller): Promise<OpenDataReport> {
    return this.statistics.openDataReport(caller);
  }
}

/**
 * An answer the service serialised once for everyone with the same scope
 * (published-answers.ts), sent as it is: gzipped when the reader accepts it (the bytes
 * were compressed once, when the answer was built), and 304 with no body to a reader
 * who already holds it (If-None-Match). Nothing is serialised, hashed or compressed here.
 */
function json(request: Request, response: Response, answer: SerialisedAnswer): void {
  const gzip = answer.gzip && acceptsGzip(request.headers['accept-encoding']) ? answer.gzip : undefined;
  response.setHeader('ETag', gzip?.etag ?? answer.etag);
  // The words of an answer are in the language asked for (Accept-Language when the query names none).
  response.setHeader('Vary', 'Accept-Encoding, Accept-Language');
  if (notModified(request.headers['if-none-match'], answer)) {
    response.status(304).end();
    return;
  }
  const body = gzip?.body ?? answer.body;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (gzip) response.setHeader('Content-Encoding', 'gzip');
  response.setHeader('Content-Length', body.length);
  response.status(200).end(body);
}
