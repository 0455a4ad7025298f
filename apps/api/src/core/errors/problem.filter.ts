import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { HavenError, ServiceUnavailableError, TooManyRequestsError } from './problem.js';

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
    if (problem instanceof TooManyRequestsError || problem instanceof ServiceUnavailableError) {
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
  const status =
    (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
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
  if (isDatabaseUnavailable(error)) {
    return new ServiceUnavailableError(
      'The database cannot be reached just now; please try again in a moment.',
      DATABASE_RETRY_AFTER_SECONDS,
    );
  }
  if (isLostConcurrencyRace(error)) {
    return new HavenError(
      409,
      'Conflict',
      'Someone else changed the same records at the same moment. Nothing was changed; please try again.',
    );
  }
  return new HavenError(500, 'Internal error', 'Something went wrong on our side; it has been logged.');
}

function databaseCodeOf(error: unknown): unknown {
  const codeOf = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return codeOf(error) ?? codeOf((error as { driverError?: unknown } | null)?.driverError);
}

/**
 * PostgreSQL broke a deadlock (40P01) or refused a serialisation (40001) between two
 * requests changing the same rows at once. The losing transaction was rolled back whole,
 * so the request changed nothing: a conflict the caller can retry, not a fault of ours.
 */
function isLostConcurrencyRace(error: unknown): boolean {
  const code = databaseCodeOf(error);
  return code === '40P01' || code === '40001';
}

/**
 * What a client is told to wait before sending again while the database is away. A restart
 * or a standby's promotion (Patroni, docs/benchmarks.md "High availability") takes seconds.
 */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Codes of a lost or refused database connection (Node's socket errors and PostgreSQL's
 * connection-exception and shutdown classes). While the database restarts the API is not
 * broken, it is waiting: 503 tells clients and load balancers to retry.
 */
const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // A write reached a standby: the proxy still routed to a node that was demoted or not yet
  // known to be a standby (its checks run every second). The new primary takes the next one.
  '25006',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const code = databaseCodeOf(error);
  if (typeof code === 'string' && DATABASE_UNAVAILABLE_CODES.has(code)) return true;
  // TypeORM releases a transaction's query runner when its connection fails under it, and what still
  // uses it fails with QueryRunnerAlreadyReleasedError: TransactionHost turns that into an 08006 only
  // when it saw the connection fail (DatabaseConnectionLostError). Left bare, a released runner is a
  // runner used after its work ended, a programming error: 500, logged.
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

function titleFor(status: number): string {
  switch (status) {
    case 400:
      return 'Invalid request';
    case 401:
      return 'Not signed in';
    case 403:
      return 'Forbidden';
    case 404:
      return 'Not found';
    case 405:
      return 'Method not allowed';
    case 409:
      return 'Conflict';
    case 413:
      return 'Payload too large';
    case 415:
      return 'Unsupported media type';
    case 429:
      return 'Too many requests';
    case 503:
      return 'Service unavailable';
    default:
      return status >= 500 ? 'Internal error' : 'Request failed';
  }
}
