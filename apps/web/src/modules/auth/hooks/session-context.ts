import type { MeResponse } from '@haven/contracts';
import { createContext } from 'react';

/**
 * The signed-in user as seen by the session guard. Screens read it from here rather than from the query
 * cache, so a session ending mid-render never leaves a screen holding a null user.
 */
export const SessionContext = createContext<MeResponse | null>(null);
