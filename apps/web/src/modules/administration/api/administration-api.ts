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
import { apiRequest } from '../../../app/api-client';

export function fetchOrganisationRegistry(signal?: AbortSignal): Promise<OrganisationList> {
  return apiRequest<OrganisationList>('/organisations/registry', { signal });
}

export function createOrganisation(body: CreateOrganisationRequest): Promise<Organisation> {
  return apiRequest<Organisation>('/organisations', { method: 'POST', body });
}

export function updateOrganisation(id: string, body: UpdateOrganisationRequest): Promise<Organisation> {
  return apiRequest<Organisation>(`/organisations/${id}`, { method: 'PATCH', body });
}

export function setOrganisationActive(id: string, active: boolean): Promise<Organisation> {
  return apiRequest<Organisation>(`/organisations/${id}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST' });
}

export function fetchOrganisationSettings(id: string, signal?: AbortSignal): Promise<OrganisationSettings> {
  return apiRequest<OrganisationSettings>(`/organisations/${id}/settings`, { signal });
}

export function updateOrganisationSettings(
  id: string,
  body: UpdateOrganisationSettingsRequest,
): Promise<OrganisationSettings> {
  return apiRequest<OrganisationSettings>(`/organisations/${id}/settings`, { method: 'PATCH', body });
}

export function fetchStaff(query: Partial<UserListQuery>, signal?: AbortSignal): Promise<UserListResponse> {
  return apiRequest<UserListResponse>('/users', { signal, query });
}

export function inviteUser(body: InviteUserRequest): Promise<UserWithLink> {
  return apiRequest<UserWithLink>('/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<UserSummary> {
  return apiRequest<UserSummary>(`/users/${id}`, { method: 'PATCH', body });
}

export function deactivateUser(id: string): Promise<void> {
  return apiRequest<void>(`/users/${id}/deactivate`, { method: 'POST' });
}

export function reactivateUser(id: string): Promise<UserSummary> {
  return apiRequest<UserSummary>(`/users/${id}/reactivate`, { method: 'POST' });
}

export function issuePasswordReset(id: string): Promise<UserWithLink> {
  return apiRequest<UserWithLink>(`/users/${id}/password-reset`, { method: 'POST' });
}

export function importStaff(body: BulkImportRequest): Promise<BulkImportResponse> {
  return apiRequest<BulkImportResponse>('/users/import', { method: 'POST', body });
}

/** Public: the one-time link is the proof. Answers 410 with a code for a used, expired or unknown link. */
export function activateAccount(body: ActivateAccountRequest): Promise<ActivateAccountResponse> {
  return apiRequest<ActivateAccountResponse>('/auth/activate', { method: 'POST', body, handleUnauthorized: false });
}
