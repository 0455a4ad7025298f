import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { HavenError, TooManyRequestsError } from './problem.js';

/** Maps every error to a problem response once; no stack trace ever leaves the API. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblemError(error);
    if (problem.status >= 500) {
      // Log the error class and message only: request bodies may hold personal data.
      this.logger.error(error instanceof Error ? `${error.name}: ${error.message}` : 'Unknown error');
    }
    if (problem instanceof TooManyRequestsError) {
      response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    }
    response.status(problem.status).type('application/problem+json').json(problem.toProblem());
  }
}

export function toProblemError(error: unknown): HavenError {
  if (error instanceof HavenError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return new HavenError(status, titleFor(status), status < 500 ? error.message : undefined);
  }
  // Errors raised by Express middleware (body parser: malformed JSON, body too large, wrong charset).
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (error as { type?: string }).type;
    const detail =
      type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : type === 'entity.too.large'
          ? 'The request body is too large.'
          : 'The request could not be read.';
    return new HavenError(status, titleFor(status), detail);
  }
  return new HavenError(500, 'Internal error', 'Something went wrong on our side; it has been logged.');
}

function titleFor(status: number): string {
  switch (status) {
    case 400: return 'Invalid request';
    case 401: return 'Not signed in';
    case 403: return 'Forbidden';
    case 404: return 'Not found';
    case 405: return 'Method not allowed';
    case 409: return 'Conflict';
    case 413: return 'Payload too large';
    case 415: return 'Unsupported media type';
    case 429: return 'Too many requests';
    default: return status >= 500 ? 'Internal error' : 'Request failed';
  }
}
