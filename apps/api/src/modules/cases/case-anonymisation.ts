import type { Caller } from '../../core/auth/caller.js';
import { HavenError } from '../../core/errors/problem.js';

/** Who anonymises: a signed-in supervisor (erasure) or the retention job. */
export type AnonymisingActor = Caller | { address: string; actor?: undefined };

/** The answer for anything that needs a case's identity or free text once the case is anonymised. */
export class CaseAnonymisedError extends HavenError {
  constructor(
    detail = 'This case has been anonymised: the survivor’s identity, notes and other free text no longer exist. Only coded facts remain.',
  ) {
    super(410, 'Case anonymised', detail);
  }
}
