import type {
  CreateShelterRequest,
  DischargeRequest,
  MoveRequest,
  OccupancyBoard,
  PlaceRequest,
  Placement,
  PlacementList,
  ShelterDetail,
  ShelterList,
  UpdateShelterRequest,
} from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const shelterPath = (shelterId: string) => `/shelters/${encodeURIComponent(shelterId)}`;
const placementsPath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/placements`;

export function fetchShelters(signal?: AbortSignal): Promise<ShelterList> {
  return apiRequest<ShelterList>('/shelters', { signal });
}

export function fetchOccupancy(signal?: AbortSignal): Promise<OccupancyBoard> {
  return apiRequest<OccupancyBoard>('/shelters/occupancy', { signal });
}

/** Includes the confidential address: the API records every call in the access log. */
export function fetchShelter(shelterId: string, signal?: AbortSignal): Promise<ShelterDetail> {
  return apiRequest<ShelterDetail>(shelterPath(shelterId), { signal });
}

export function createShelter(request: CreateShelterRequest): Promise<ShelterDetail> {
  return apiRequest<ShelterDetail>('/shelters', { method: 'POST', body: request });
}

export function updateShelter(shelterId: string, request: UpdateShelterRequest): Promise<ShelterDetail> {
  return apiRequest<ShelterDetail>(shelterPath(shelterId), { method: 'PATCH', body: request });
}

export function fetchPlacements(caseId: string, signal?: AbortSignal): Promise<PlacementList> {
  return apiRequest<PlacementList>(placementsPath(caseId), { signal });
}

export function placeSurvivor(caseId: string, request: PlaceRequest): Promise<Placement> {
  return apiRequest<Placement>(placementsPath(caseId), { method: 'POST', body: request });
}

export function moveSurvivor(caseId: string, request: MoveRequest): Promise<Placement> {
  return apiRequest<Placement>(`${placementsPath(caseId)}/move`, { method: 'POST', body: request });
}

export function dischargeSurvivor(caseId: string, request: DischargeRequest): Promise<Placement> {
  return apiRequest<Placement>(`${placementsPath(caseId)}/discharge`, { method: 'POST', body: request });
}
