import { useQuery } from '@tanstack/react-query';
import { fetchMyWork, MY_WORK_KEY } from '../api/my-work-api';

export function useMyWork() {
  return useQuery({ queryKey: MY_WORK_KEY, queryFn: ({ signal }) => fetchMyWork(signal) });
}
