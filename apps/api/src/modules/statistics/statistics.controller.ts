import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  indicatorReportSchema,
  publishedStatisticsTableSchema,
  statisticsCatalogueSchema,
  statisticsDownloadQuerySchema,
  statisticsQuerySchema,
  type IndicatorReport,
  type PublishedStatisticsTable,
  type StatisticsCatalogue,
  type StatisticsDownloadQuery,
  type StatisticsQuery,
} from '@haven/contracts';
import type { Response } from 'express';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { StatisticsService, type Download } from './statistics.service.js';

/** Anonymised statistics: counts over fixed tables, never a row about a case. */
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('tables')
  @RequireAccess('read', 'Statistics')
  @ApiContract({ summary: 'The fixed statistics tables and indicators, the organisations you may filter by, and the controls in force', response: statisticsCatalogueSchema })
  catalogue(@CurrentCaller() caller: Caller): Promise<StatisticsCatalogue> {
    return this.statistics.catalogue(caller);
  }

  @Get('tables/:table')
  @RequireAccess('read', 'Statistics')
  @ApiContract({ summary: 'One table as published, period by period, after disclosure control', query: statisticsQuerySchema, response: publishedStatisticsTableSchema })
  table(@CurrentCaller() caller: Caller, @Param('table') table: string, @Query(new ZodPipe(statisticsQuerySchema)) query: StatisticsQuery): Promise<PublishedStatisticsTable> {
    return this.statistics.table(caller, table, query);
  }

  @Get('tables/:table/download')
  @RequireAccess('read', 'Statistics')
  @ApiContract({ summary: 'One table as published, as CSV or XLSX (audited)', query: statisticsDownloadQuerySchema })
  async downloadTable(
    @CurrentCaller() caller: Caller,
    @Param('table') table: string,
    @Query(new ZodPipe(statisticsDownloadQuerySchema)) query: StatisticsDownloadQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.statistics.downloadTable(caller, table, query));
  }

  @Get('indicators')
  @RequireAccess('read', 'Statistics')
  @ApiContract({ summary: 'The donor indicator report, period by period, each definition next to it', query: statisticsQuerySchema, response: indicatorReportSchema })
  indicators(@CurrentCaller() caller: Caller, @Query(new ZodPipe(statisticsQuerySchema)) query: StatisticsQuery): Promise<IndicatorReport> {
    return this.statistics.indicators(caller, query);
  }

  @Get('indicators/download')
  @RequireAccess('read', 'Statistics')
  @ApiContract({ summary: 'The indicator report as CSV or XLSX (audited)', query: statisticsDownloadQuerySchema })
  async downloadIndicators(
    @CurrentCaller() caller: Caller,
    @Query(new ZodPipe(statisticsDownloadQuerySchema)) query: StatisticsDownloadQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.statistics.downloadIndicators(caller, query));
  }
}

function send(response: Response, download: Download): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(download.body, { type: download.contentType, disposition: `attachment; filename="${download.filename}"`, length: download.body.length });
}
