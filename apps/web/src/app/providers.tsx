import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ME_QUERY_KEY } from '../modules/auth/hooks/use-session';
import { setUnauthorizedHandler } from './api-client';
import { DirectionSync } from './i18n/direction-sync';
import { currentLanguage, directionOf } from './i18n/i18n';
import { createQueryClient } from './query-client';
import { cssVariablesResolver, theme } from './theme';

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    // An expired session anywhere forgets cached data and lets the session guard send the user to sign-in.
    setUnauthorizedHandler(() => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
      client.setQueryData(ME_QUERY_KEY, null);
    });
    return client;
  });

  return (
    <DirectionProvider initialDirection={directionOf(currentLanguage())} detectDirection={false}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <DirectionSync />
        <Notifications position="top-center" />
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
