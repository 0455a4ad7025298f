import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * The version an edit started from. It stays fixed while the user types, even if the page refreshes the
 * record meanwhile, so a write never lands on a version the user has not seen (no lost updates). `reload`
 * fetches the record again, adopts its version and answers it, after the user has been told about the other
 * change, so the form can take the other person's values for the fields the user did not touch.
 */
export function useBaseVersion<T>(initial: number, queryKey: QueryKey, readVersion: (fresh: T) => number) {
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(initial);
  const reload = async (): Promise<T | undefined> => {
    await queryClient.refetchQueries({ queryKey, exact: true });
    const fresh = queryClient.getQueryData<T>(queryKey);
    if (fresh !== undefined) setVersion(readVersion(fresh));
    return fresh;
  };
  return { version, reload };
}
