import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runInRequestContext } from './database-scope.js';

/** Every request runs in a context of its own, opened before any guard. */
function openRequestContext(_request: Request, _response: Response, next: NextFunction): void {
  runInRequestContext(next);
}

/**
 * One context per HTTP request, so the session guard can record the caller and
 * every database connection the request borrows carries that caller's organisation.
 */
@Module({})
export class RequestContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(openRequestContext).forRoutes('{*path}');
  }
}
