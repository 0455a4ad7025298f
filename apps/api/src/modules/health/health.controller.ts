import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  healthResponseSchema,
  livenessResponseSchema,
  type HealthResponse,
  type LivenessResponse,
} from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { MIGRATIONS } from '../../core/database/migrations/index.js';
import { Route } from '../../core/http/route.decorator.js';
import { HealthRepository } from './health.repository.js';

/**
 * Two questions a load balancer or an orchestrator asks. Live: is the process answering (if
 * not, restart it). Ready: should it be sent requests — the database answers, it holds every
 * migration this code needs, and the master key is loaded; a replica that loses its database
 * turns unready and is taken out of rotation without being restarted.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthRepository,
    @Inject(HAVEN_CONFIG) private readonly config: Pick<HavenConfig, 'masterKey'>,
  ) {}

  /** Readiness under the path load balancers were first given; the same answer as /health/ready. */
  @Route({
    method: 'GET',
    permission: 'public',
    summary: 'Readiness: database, migrations and master key (200 ready, 503 not)',
    response: healthResponseSchema,
  })
  check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    return this.readiness(response);
  }

  @Route({
    method: 'GET',
    path: 'ready',
    permission: 'public',
    summary: 'Readiness: database, migrations and master key (200 ready, 503 not)',
    response: healthResponseSchema,
  })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    return this.readiness(response);
  }

  @Route({
    method: 'GET',
    path: 'live',
    permission: 'public',
    summary: 'Liveness: the process answers (no database check)',
    response: livenessResponseSchema,
  })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  private async readiness(response: Response): Promise<HealthResponse> {
    const applied = await this.health.appliedMigrations();
    const migrations = !applied
      ? 'unknown'
      : MIGRATIONS.every((migration) => applied.has(migration.name))
        ? 'current'
        : 'pending';
    const masterKey = this.config.masterKey?.length === 32 ? 'present' : 'missing';
    const ready = applied !== undefined && migrations === 'current' && masterKey === 'present';
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unhealthy', database: applied ? 'up' : 'down', migrations, masterKey };
  }
}
