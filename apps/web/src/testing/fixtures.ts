import type { CaseDetail } from '@haven/contracts';
import { ORGANISATION_ID, USER_ID } from './render';

/**
 * An open case of the test organisation, assigned to the signed-in test user, with only the fields the
 * access rules and the case dialogs read; a test overrides what it is about.
 */
export function openCase(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: '00000000-0000-4000-8000-0000000000dd',
    reference: 'HV-7F3K-2Q9D',
    version: 7,
    stage: 'assistance',
    status: 'Active',
    sensitive: false,
    childBasis: null,
    organisation: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
    assignee: { id: USER_ID, displayName: 'Ada Caseworker' },
    ...overrides,
  } as unknown as CaseDetail;
}
