import type { Problem } from '@haven/contracts';

export interface FieldError {
  field: string;
  message: string;
  /** A stable code for clients that word the message themselves (e.g. a password's reasons). */
  code?: string;
}

/**
 * A failure the API answers on purpose. Features throw these; the problem filter
 * turns them into RFC 9457 responses. Anything else becomes a bare 500.
 */
export class HavenError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }

  toProblem(): Problem & Record<string, unknown> {
    return {
      type: `urn:haven:problem:${this.title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export class BadRequestError extends HavenError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, 'Invalid request', detail, errors);
  }
}

export class UnauthenticatedError extends HavenError {
  constructor(detail = 'Sign in to continue.') {
    super(401, 'Not signed in', detail);
  }
}

export class ForbiddenError extends HavenError {
  constructor(detail = 'Your role does not allow this.') {
    super(403, 'Forbidden', detail);
  }
}

/** Also the answer for records outside the caller's scope, so their existence is not revealed. */
export class NotFoundError extends HavenError {
  constructor(detail = 'No such record.') {
    super(404, 'Not found', detail);
  }
}

export class ConflictError extends HavenError {
  constructor(detail: string, extra?: Record<string, unknown>) {
    super(409, 'Conflict', detail, undefined, extra);
  }
}

/** Well-formed, but the request cannot be done as asked (e.g. a bed that does not fit the survivor). */
export class UnprocessableError extends HavenError {
  constructor(detail: string, errors?: FieldError[]) {
    super(422, 'Unprocessable request', detail, errors);
  }
}

export class TooManyRequestsError extends HavenError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'Too many requests', detail);
  }
}

/**
 * The database cannot be reached just now (restarting, or a standby being promoted after
 * the primary failed). Nothing is broken and the request changed nothing it acknowledged:
 * the client may send it again after `retryAfterSeconds`.
 */
export class ServiceUnavailableError extends HavenError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, 'Service unavailable', detail);
  }
}
