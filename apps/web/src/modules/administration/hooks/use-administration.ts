import type {
  UpdateOrganisationRequest,
  UpdateOrganisationSettingsRequest,
  UpdateUserRequest,
  UserListQuery,
} from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createOrganisation,
  deactivateUser,
  fetchOrganisationRegistry,
  fetchOrganisationSettings,
  fetchStaff,
  importStaff,
  inviteUser,
  issuePasswordReset,
  reactivateUser,
  setOrganisationActive,
  updateOrganisation,
  updateOrganisationSettings,
  updateUser,
} from '../api/administration-api';

export function useOrganisationRegistry(enabled = true) {
  return useQuery({
    queryKey: ['organisations', 'registry'],
    queryFn: ({ signal }) => fetchOrganisationRegistry(signal),
    enabled,
  });
}

function useInvalidating<TArgs, TResult>(mutationFn: (args: TArgs) => Promise<TResult>, keys: string[][]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export function useCreateOrganisation() {
  return useInvalidating(createOrganisation, [['organisations']]);
}

export function useUpdateOrganisation() {
  return useInvalidating(
    ({ id, body }: { id: string; body: UpdateOrganisationRequest }) => updateOrganisation(id, body),
    [['organisations']],
  );
}

export function useSetOrganisationActive() {
  return useInvalidating(
    ({ id, active }: { id: string; active: boolean }) => setOrganisationActive(id, active),
    [['organisations']],
  );
}

export function useOrganisationSettings(id: string) {
  return useQuery({
    queryKey: ['organisations', id, 'settings'],
    queryFn: ({ signal }) => fetchOrganisationSettings(id, signal),
  });
}

export function useUpdateOrganisationSettings(id: string) {
  return useInvalidating(
    (body: UpdateOrganisationSettingsRequest) => updateOrganisationSettings(id, body),
    [['organisations']],
  );
}

export function useStaff(query: Partial<UserListQuery>) {
  return useQuery({
    queryKey: ['users', 'staff', query],
    queryFn: ({ signal }) => fetchStaff(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useInviteUser() {
  return useInvalidating(inviteUser, [['users'], ['organisations']]);
}

export function useUpdateUser() {
  return useInvalidating(({ id, body }: { id: string; body: UpdateUserRequest }) => updateUser(id, body), [['users']]);
}

export function useSetUserActive() {
  return useInvalidating(
    ({ id, active }: { id: string; active: boolean }) =>
      active ? reactivateUser(id).then(() => undefined) : deactivateUser(id),
    [['users'], ['organisations']],
  );
}

export function usePasswordReset() {
  return useInvalidating(issuePasswordReset, [['users']]);
}

export function useImportStaff() {
  return useInvalidating(importStaff, [['users'], ['organisations']]);
}
