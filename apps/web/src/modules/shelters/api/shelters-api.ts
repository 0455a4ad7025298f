import type {
  AddBedRequest,
  CreateRoomRequest,
  RoomList,
  UpdateBedRequest,
  CreateShelterRequest,
  DischargeRequest,
  MoveRequest,
  OccupancyBoard,
  PlaceRequest,
  Placement,
  PlacementList,
  ShelterDetail,
  ShelterList,
  ShelterListQuery,
  ShelterSummary,
  UpdateShelterRequest,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchShelterPage(query: Partial<ShelterListQuery>, signal?: AbortSignal): Promise<ShelterList> {
  return typedApi('get', '/shelters', { signal, query });
}

/** Every shelter of the organisation, by name. */
export interface AllShelters {
  items: ShelterSummary[];
}

/**
 * The placement form's picker and a shelter's page need every shelter of the organisation (a
 * handful): the pages are read one after the other by their cursors, each bounded by the API.
 */
export async function fetchShelters(signal?: AbortSignal): Promise<AllShelters> {
  const items: ShelterSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchShelterPage({ sort: 'name', order: 'asc', pageSize: 100, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items };
}

export function fetchOccupancy(signal?: AbortSignal): Promise<OccupancyBoard> {
  return typedApi('get', '/shelters/occupancy', { signal });
}

/** Includes the confidential address: the API records every call in the access log. */
export function fetchShelter(shelterId: string, signal?: AbortSignal): Promise<ShelterDetail> {
  return typedApi('get', '/shelters/{id}', { params: { id: shelterId }, signal });
}

export function createShelter(request: CreateShelterRequest): Promise<ShelterDetail> {
  return typedApi('post', '/shelters', { body: request });
}

export function updateShelter(shelterId: string, request: UpdateShelterRequest): Promise<ShelterDetail> {
  return typedApi('patch', '/shelters/{id}', { params: { id: shelterId }, body: request });
}

export function fetchPlacements(caseId: string, signal?: AbortSignal): Promise<PlacementList> {
  return typedApi('get', '/cases/{id}/placements', { params: { id: caseId }, signal });
}

export function placeSurvivor(caseId: string, request: PlaceRequest): Promise<Placement> {
  return typedApi('post', '/cases/{id}/placements', { params: { id: caseId }, body: request });
}

export function moveSurvivor(caseId: string, request: MoveRequest): Promise<Placement> {
  return typedApi('post', '/cases/{id}/placements/move', { params: { id: caseId }, body: request });
}

export function dischargeSurvivor(caseId: string, request: DischargeRequest): Promise<Placement> {
  return typedApi('post', '/cases/{id}/placements/discharge', { params: { id: caseId }, body: request });
}

/** Rooms and beds, each bed free or taken (never by whom). */
export function fetchRooms(shelterId: string, signal?: AbortSignal): Promise<RoomList> {
  return typedApi('get', '/shelters/{id}/rooms', { params: { id: shelterId }, signal });
}

export function createRoom(shelterId: string, request: CreateRoomRequest): Promise<RoomList> {
  return typedApi('post', '/shelters/{id}/rooms', { params: { id: shelterId }, body: request });
}

export function addBed(shelterId: string, roomId: string, request: AddBedRequest): Promise<RoomList> {
  return typedApi('post', '/shelters/{id}/rooms/{roomId}/beds', { params: { id: shelterId, roomId }, body: request });
}

export function updateBed(shelterId: string, bedId: string, request: UpdateBedRequest): Promise<RoomList> {
  return typedApi('patch', '/shelters/{id}/beds/{bedId}', { params: { id: shelterId, bedId }, body: request });
}
