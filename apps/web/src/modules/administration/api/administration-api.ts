import type {
  ActivateAccountRequest,
  ActivateAccountResponse,
  BulkImportRequest,
  BulkImportResponse,
  CreateOrganisationRequest,
  InviteUserRequest,
  Organisation,
  OrganisationList,
  OrganisationSettings,
  UpdateOrganisationRequest,
  UpdateOrganisationSettingsRequest,
  UpdateUserRequest,
  UserListQuery,
  UserListResponse,
  UserSummary,
  UserWithLink,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchOrganisationRegistry(signal?: AbortSignal): Promise<OrganisationList> {
  return typedApi('get', '/organisations/registry', { signal });
}

export function createOrganisation(body: CreateOrganisationRequest): Promise<Organisation> {
  return typedApi('post', '/organisations', { body });
}

export function updateOrganisation(id: string, body: UpdateOrganisationRequest): Promise<Organisation> {
  return typedApi('patch', '/organisations/{id}', { params: { id }, body });
}

export function setOrganisationActive(id: string, active: boolean): Promise<Organisation> {
  return active
    ? typedApi('post', '/organisations/{id}/reactivate', { params: { id } })
    : typedApi('post', '/organisations/{id}/deactivate', { params: { id } });
}

export function fetchOrganisationSettings(id: string, signal?: AbortSignal): Promise<OrganisationSettings> {
  return typedApi('get', '/organisations/{id}/settings', { params: { id }, signal });
}

export function updateOrganisationSettings(
  id: string,
  body: UpdateOrganisationSettingsRequest,
): Promise<OrganisationSettings> {
  return typedApi('patch', '/organisations/{id}/settings', { params: { id }, body });
}

export function fetchStaff(query: Partial<UserListQuery>, signal?: AbortSignal): Promise<UserListResponse> {
  return typedApi('get', '/users', { signal, query });
}

export function inviteUser(body: InviteUserRequest): Promise<UserWithLink> {
  return typedApi('post', '/users', { body });
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<UserSummary> {
  return typedApi('patch', '/users/{id}', { params: { id }, body });
}

export function deactivateUser(id: string): Promise<void> {
  return typedApi('post', '/users/{id}/deactivate', { params: { id } });
}

export function reactivateUser(id: string): Promise<UserSummary> {
  return typedApi('post', '/users/{id}/reactivate', { params: { id } });
}

export function issuePasswordReset(id: string): Promise<UserWithLink> {
  return typedApi('post', '/users/{id}/password-reset', { params: { id } });
}

export function importStaff(body: BulkImportRequest): Promise<BulkImportResponse> {
  return typedApi('post', '/users/import', { body });
}

/** Public: the one-time link is the proof. Answers 410 with a code for a used, expired or unknown link. */
export function activateAccount(body: ActivateAccountRequest): Promise<ActivateAccountResponse> {
  return typedApi('post', '/auth/activate', { body, handleUnauthorized: false });
}
