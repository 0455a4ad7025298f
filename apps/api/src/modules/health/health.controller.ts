import { Controller, Res } from '@nestjs/common';
import type { Response } from 'express';
import { healthResponseSchema, type HealthResponse } from '@haven/contracts';
import { Route } from '../../core/http/route.decorator.js';
import { HealthRepository } from './health.repository.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  /** 200 when the database answers, 503 otherwise (for load balancers and orchestrators). */
  @Route({
    method: 'GET',
    permission: 'public',
    summary: 'Service and database health',
    response: healthResponseSchema,
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const up = await this.health.databaseAnswers();
    response.status(up ? 200 : 503);
    return { status: up ? 'ok' : 'unhealthy', database: up ? 'up' : 'down' };
  }
}
