import type {
  AddBedRequest,
  CreateRoomRequest,
  UpdateBedRequest,
  CreateShelterRequest,
  DischargeRequest,
  MoveRequest,
  PlaceRequest,
  ShelterSummary,
  UpdateShelterRequest,
} from '@haven/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import {
  addBed,
  createRoom,
  fetchRooms,
  updateBed,
  createShelter,
  dischargeSurvivor,
  fetchOccupancy,
  fetchPlacements,
  fetchShelter,
  fetchShelters,
  moveSurvivor,
  placeSurvivor,
  updateShelter,
  type AllShelters,
} from '../api/shelters-api';

export const shelterKeys = {
  all: ['shelters'] as const,
  list: ['shelters', 'list'] as const,
  occupancy: ['shelters', 'occupancy'] as const,
  /** The detail carries the address: kept apart so it can be dropped from memory on "hide". */
  detail: (shelterId: string) => ['shelter-detail', shelterId] as const,
  placements: (caseId: string) => ['placements', caseId] as const,
  rooms: (shelterId: string) => ['shelters', 'rooms', shelterId] as const,
};

/** The shelter's rooms and beds; `null` asks for nothing (no shelter chosen yet). */
export function useRooms(shelterId: string | null) {
  return useQuery({
    queryKey: shelterKeys.rooms(shelterId ?? ''),
    queryFn: ({ signal }) => fetchRooms(shelterId!, signal),
    enabled: shelterId !== null,
  });
}

/** Rooms and beds change the capacity: every shelter query (list, board, rooms) is refreshed. */
export function useRoomChanges(shelterId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: shelterKeys.all });
  return {
    createRoom: useMutation({ mutationFn: (request: CreateRoomRequest) => createRoom(shelterId, request), onSuccess }),
    addBed: useMutation({
      mutationFn: ({ roomId, ...request }: AddBedRequest & { roomId: string }) => addBed(shelterId, roomId, request),
      onSuccess,
    }),
    updateBed: useMutation({
      mutationFn: ({ bedId, ...request }: UpdateBedRequest & { bedId: string }) => updateBed(shelterId, bedId, request),
      onSuccess,
    }),
  };
}

export function useShelters(enabled = true) {
  return useQuery({ queryKey: shelterKeys.list, queryFn: ({ signal }) => fetchShelters(signal), enabled });
}

export function useOccupancy() {
  return useQuery({ queryKey: shelterKeys.occupancy, queryFn: ({ signal }) => fetchOccupancy(signal) });
}

/** Fetched only when someone asks to see it (the address is confidential and each read is audited). */
export function useShelterDetail(shelterId: string, enabled: boolean) {
  return useQuery({
    queryKey: shelterKeys.detail(shelterId),
    queryFn: ({ signal }) => fetchShelter(shelterId, signal),
    enabled,
    // A second read would be a second audited access: keep what was shown until the user hides it.
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export function usePlacements(caseId: string) {
  return useQuery({
    queryKey: shelterKeys.placements(caseId),
    queryFn: ({ signal }) => fetchPlacements(caseId, signal),
  });
}

function refreshShelters(queryClient: QueryClient): Promise<unknown> {
  return queryClient.invalidateQueries({ queryKey: shelterKeys.all });
}

export function useCreateShelter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateShelterRequest) => createShelter(request),
    onSuccess: (created) => {
      // The new shelter's page is opened next and is built from the list: put it there at once (without the
      // address, which the list never holds) rather than racing the refetch.
      const summary: ShelterSummary = {
        id: created.id,
        name: created.name,
        kind: created.kind,
        area: created.area,
        capacity: created.capacity,
        occupied: created.occupied,
        active: created.active,
        version: created.version,
      };
      queryClient.setQueryData<AllShelters>(shelterKeys.list, (list) =>
        list ? { items: [...list.items, summary] } : list,
      );
      return refreshShelters(queryClient);
    },
  });
}

export function useUpdateShelter(shelterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateShelterRequest) => updateShelter(shelterId, request),
    onSuccess: (detail) => {
      // The answer carries the address again; keep it only if the user is looking at it already.
      if (queryClient.getQueryData(shelterKeys.detail(shelterId)))
        queryClient.setQueryData(shelterKeys.detail(shelterId), detail);
      return refreshShelters(queryClient);
    },
  });
}

/** A placement changes the case (history, header), the board's counts and the beds free in every picker. */
function afterPlacementChange(queryClient: QueryClient, caseId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: shelterKeys.placements(caseId) }),
    refreshShelters(queryClient),
    refreshAfterCaseChange(queryClient, caseId),
  ]);
}

export function usePlace(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PlaceRequest) => placeSurvivor(caseId, request),
    onSuccess: () => afterPlacementChange(queryClient, caseId),
  });
}

export function useMove(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MoveRequest) => moveSurvivor(caseId, request),
    onSuccess: () => afterPlacementChange(queryClient, caseId),
  });
}

export function useDischarge(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DischargeRequest) => dischargeSurvivor(caseId, request),
    onSuccess: () => afterPlacementChange(queryClient, caseId),
  });
}
