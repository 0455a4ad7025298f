import { expect } from '@jest/globals';
import { abilityFromRules, defineAbilityFor } from '@haven/access';
import type { MeResponse, OrganisationKind, Role } from '@haven/contracts';
import { AbilityProvider } from '@casl/react';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { Suspense, type ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { setCsrfToken } from '../app/api-client';
import { changeLanguage, directionOf, type LanguageCode } from '../app/i18n/i18n';
import { cssVariablesResolver, theme } from '../app/theme';
import { SessionContext } from '../modules/auth/hooks/session-context';
import { ME_QUERY_KEY } from '../modules/auth/hooks/use-session';

const TEXTS_LOADING = 'Loading texts…';

export const ORGANISATION_ID = '00000000-0000-4000-8000-000000000001';
export const USER_ID = '00000000-0000-4000-8000-000000000002';

export interface RenderOptions {
  /** Whose session the screen renders in: the ability comes from the real policy (libs/access) for this role. */
  role?: Role;
  organisationKind?: OrganisationKind;
  language?: LanguageCode;
  /** The address the router starts at, and the route pattern the component is mounted under (for `useParams`). */
  route?: string;
  path?: string;
  /** Nobody signed in (the sign-in and activation pages): /me answers null and the ability allows nothing. */
  signedOut?: boolean;
}

export interface Rendered extends RenderResult {
  user: UserEvent;
  queryClient: QueryClient;
  me: MeResponse;
}

/** The signed-in user a screen sees (what /me answers), with the rules the API would send for that role. */
export function sessionFor(role: Role = 'caseworker', organisationKind: OrganisationKind = 'shelter'): MeResponse {
  const rules = defineAbilityFor({ id: USER_ID, role, organisationId: ORGANISATION_ID }).rules;
  return {
    user: { id: USER_ID, email: 'ada@example.org', displayName: 'Ada Caseworker', role },
    organisation: { id: ORGANISATION_ID, name: 'Harbour Shelter', kind: organisationKind },
    rules: rules as MeResponse['rules'],
    csrfToken: 'csrf-test-token',
    twoFactor: { required: false, enrolled: true, enrolmentRequired: false, recoveryCodesLeft: 10 },
    idle: { timeoutSeconds: 1800, refreshStepSeconds: 60 },
  };
}

/**
 * Renders a component as the app would (app/providers.tsx and modules/auth/components/require-session.tsx):
 * Mantine in the language's direction, a fresh query cache that never retries, the router, the session and
 * its ability (Mantine's test mode: no transitions, no portals). Texts load the way the app loads them; `findBy…` waits for namespaces fetched on demand.
 */
export async function renderWithProviders(ui: ReactElement, options: RenderOptions = {}): Promise<Rendered> {
  const {
    role = 'caseworker',
    organisationKind = 'shelter',
    language = 'en',
    route = '/',
    path,
    signedOut = false,
  } = options;
  await changeLanguage(language);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  const me = sessionFor(role, organisationKind);
  queryClient.setQueryData(ME_QUERY_KEY, signedOut ? null : me);
  // As the session guard does with /me's answer: writes carry the anti-forgery token.
  setCsrfToken(signedOut ? null : me.csrfToken);
  const ability = signedOut
    ? abilityFromRules([])
    : defineAbilityFor({ id: me.user.id, role, organisationId: me.organisation.id });
  const direction = directionOf(language);
  const user = userEvent.setup({ delay: null });
  const result = render(
    <DirectionProvider initialDirection={direction} detectDirection={false}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" env="test">
        <Notifications />
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[route]}>
            <SessionContext.Provider value={signedOut ? null : me}>
              <AbilityProvider value={ability}>
                <Suspense fallback={<p>{TEXTS_LOADING}</p>}>
                  {path ? (
                    <Routes>
                      <Route path={path} element={ui} />
                      <Route path="*" element={<ElsewhereProbe />} />
                    </Routes>
                  ) : (
                    ui
                  )}
                </Suspense>
              </AbilityProvider>
            </SessionContext.Provider>
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>,
  );
  // Namespaces fetched on demand suspend the first render; the component is on screen once they are in.
  await waitFor(() => expect(screen.queryByText(TEXTS_LOADING)).toBeNull(), { timeout: 15_000 });
  return { ...result, user, queryClient, me };
}

/** Where the component navigated to, when it left its route: `screen.findByTestId('navigated-to')`. */
function ElsewhereProbe() {
  const location = useLocation();
  return <p data-testid="navigated-to">{`${location.pathname}${location.search}`}</p>;
}
