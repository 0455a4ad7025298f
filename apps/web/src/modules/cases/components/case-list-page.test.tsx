import type { CaseListItem } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router';
import { fakeApi, problem, type SentRequest } from '../../../testing/fake-api';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { CaseListPage } from './case-list-page';

const onRoute = (route = '/cases') => ({ route, path: '/cases' });
/** The address the list keeps its state in, shown beside it. */
function AddressProbe() {
  const location = useLocation();
  return <p data-testid="address">{`${location.pathname}${location.search}`}</p>;
}
const BEN = { id: '00000000-0000-4000-8000-0000000000a2', displayName: 'Ben Caseworker', active: true };

function summary(index: number): CaseListItem {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    reference: `HV-CASE-${String(index).padStart(4, '0')}`,
    status: 'Active',
    stage: 'assistance',
    riskLevel: 'high',
    sensitive: false,
    sex: 'Feminine',
    nationality: 'NG',
    ageAtRegistration: 24,
    assignee: { id: USER_ID, displayName: 'Ada Caseworker' },
    registeredAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    shownName: null,
  };
}

/**
 * Answers the list as the API would: 60 cases in pages of 25 read by cursor (here simply
 * "at" and the first row's position), or none when filtered by anything else.
 */
function listApi(total = 60, totalIsLowerBound = false) {
  return fakeApi().on('GET', '/cases', (request) => {
    const pageSize = Number(request.query.get('pageSize'));
    const filtered = ['status', 'riskLevel', 'stage', 'reference', 'assigneeId', 'overdue'].some((name) =>
      request.query.has(name),
    );
    const count = filtered ? 0 : total;
    const first = Number(request.query.get('cursor')?.replace('at', '') ?? '0');
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, count - first)) }, (_, i) =>
      summary(first + i + 1),
    );
    return {
      body: {
        items,
        total: count,
        totalIsLowerBound,
        page: 1,
        pageSize,
        nextCursor: first + pageSize < count ? `at${first + pageSize}` : null,
        previousCursor: first > 0 ? `at${Math.max(0, first - pageSize)}` : null,
      },
    };
  });
}
const FIRST_PAGE = { pageSize: '25', sort: 'registeredAt', order: 'desc' };

const lastQuery = (requests: SentRequest[]) => Object.fromEntries(requests.at(-1)!.query);
/** The empty list's message, announced as a status (the loading skeleton is one too, so found by its title). */
async function emptyState(title: string): Promise<HTMLElement> {
  const status = (await screen.findByText(title)).closest<HTMLElement>('[role="status"]');
  expect(status).not.toBeNull();
  return status!;
}
const searchBox = () => screen.getByRole('textbox', { name: 'Search by reference' });

describe('CaseListPage', () => {
  it('offers named filters in a search landmark, without a colleague filter for a caseworker', async () => {
    listApi();
    await renderWithProviders(<CaseListPage />, onRoute());
    const search = screen.getByRole('search', { name: 'Find a case' });
    expect(within(search).getByRole('textbox', { name: 'Search by reference' })).toBeInTheDocument();
    expect(within(search).getByRole('combobox', { name: 'Status' })).toHaveValue('');
    expect(within(search).getByRole('combobox', { name: 'Risk' })).toBeInTheDocument();
    expect(within(search).getByRole('combobox', { name: 'Stage' })).toBeInTheDocument();
    expect(within(search).getByRole('checkbox', { name: 'With overdue tasks' })).not.toBeChecked();
    expect(within(search).queryByRole('combobox', { name: 'Assigned to' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Register case' })).toHaveAttribute('href', '/cases/new');
  });

  it('asks for the first page and shows it, each reference a link to its case', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute());
    expect(await screen.findByText('60 cases')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual(FIRST_PAGE);
    const table = screen.getByRole('table', { name: 'Cases; the column headers sort the list' });
    expect(within(table).getAllByRole('row')).toHaveLength(26);
    await user.click(within(table).getByRole('link', { name: 'HV-CASE-0001' }));
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent(`/cases/${summary(1).id}`);
  });

  it('pages through the list with the cursors the API gives, next and previous', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute());
    const pages = await screen.findByRole('navigation', { name: 'Pages' });
    expect(within(pages).getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('link', { name: 'HV-CASE-0026' })).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ ...FIRST_PAGE, cursor: 'at25' });
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('link', { name: 'HV-CASE-0051' })).toBeInTheDocument();
    expect(within(pages).getByRole('button', { name: 'Next page' })).toBeDisabled();
    await user.click(within(pages).getByRole('button', { name: 'Previous page' }));
    // The page before is the one already read for that cursor.
    expect(await screen.findByRole('link', { name: 'HV-CASE-0026' })).toBeInTheDocument();
    expect(api.sent('GET', '/cases').map((request) => request.query.get('cursor'))).toEqual([null, 'at25', 'at50']);
  });

  it('sorts by a column header, from the first page, saying so with aria-sort, and reverses on a second choice', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute('/cases?cursor=at25'));
    await screen.findByRole('link', { name: 'HV-CASE-0026' });
    const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    expect(header('Registered')).toHaveAttribute('aria-sort', 'descending');
    expect(header('Reference')).toHaveAttribute('aria-sort', 'none');
    // Status is not a sort the API serves from an index: a plain header, no button.
    expect(within(header('Status')).queryByRole('button')).not.toBeInTheDocument();
    expect(header('Status')).not.toHaveAttribute('aria-sort');

    await user.click(within(header('Reference')).getByRole('button'));
    await waitFor(() => expect(header('Reference')).toHaveAttribute('aria-sort', 'ascending'));
    expect(header('Registered')).toHaveAttribute('aria-sort', 'none');
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ ...FIRST_PAGE, sort: 'reference', order: 'asc' });

    // From the keyboard: the header's button takes focus and Enter reverses the order.
    within(header('Reference')).getByRole('button').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(header('Reference')).toHaveAttribute('aria-sort', 'descending'));
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ ...FIRST_PAGE, sort: 'reference', order: 'desc' });
  });

  it('says "more than 10,000" when the API stops counting', async () => {
    listApi(10_000, true);
    await renderWithProviders(<CaseListPage />, onRoute());
    expect(await screen.findByText('More than 10,000 cases')).toBeInTheDocument();
  });

  it('refuses a reference search too short to narrow the list, without asking the API', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute());
    await screen.findByText('60 cases');
    const asked = api.sent('GET', '/cases').length;
    await user.type(searchBox(), 'hv-7f{Enter}');
    expect(await screen.findByText('Type at least 4 characters of the reference after “HV-”.')).toBeInTheDocument();
    expect(searchBox()).toHaveAccessibleDescription(/at least 4 characters/);
    expect(api.sent('GET', '/cases')).toHaveLength(asked);
  });

  it('searches a reference as typed from paper, from the first page, with Enter', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute('/cases?cursor=at25'));
    await screen.findByRole('link', { name: 'HV-CASE-0026' });
    await user.type(searchBox(), ' hv-7f3k 2q9d{Enter}');
    expect(await screen.findByText('No case matches')).toBeInTheDocument();
    expect(searchBox()).toHaveValue('HV-7F3K2Q9D');
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ ...FIRST_PAGE, reference: 'HV-7F3K2Q9D' });
  });

  it('finds a case by name from the first page, keeps the name out of the address, and pages and clears with it', async () => {
    const api = fakeApi().on('GET', '/cases', (request) => {
      const named = request.query.get('name') === 'Mohamed Abdel';
      const total = named ? 30 : 60;
      const first = Number(request.query.get('cursor')?.replace('at', '') ?? '0');
      const items = Array.from({ length: Math.min(25, total - first) }, (_, i) => summary(first + i + 1));
      return {
        body: {
          items,
          total,
          totalIsLowerBound: false,
          page: 1,
          pageSize: 25,
          nextCursor: first + 25 < total ? `at${first + 25}` : null,
          previousCursor: first > 0 ? `at${Math.max(0, first - 25)}` : null,
        },
      };
    });
    const { user } = await renderWithProviders(
      <>
        <CaseListPage />
        <AddressProbe />
      </>,
      onRoute('/cases?cursor=at25'),
    );
    await screen.findByRole('link', { name: 'HV-CASE-0026' });
    const search = screen.getByRole('search', { name: 'Find a case' });
    const nameBox = within(search).getByRole('textbox', { name: /Search by name/ });
    expect(nameBox).toHaveAccessibleDescription('Any spelling: Mohamed finds Muhammad');
    await user.type(nameBox, '  Mohamed Abdel {Enter}');
    expect(await screen.findByText('30 cases')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ ...FIRST_PAGE, name: 'Mohamed Abdel' });
    // The list's address holds the cursor, never the name.
    await user.click(
      within(screen.getByRole('navigation', { name: 'Pages' })).getByRole('button', { name: 'Next page' }),
    );
    expect(await screen.findByRole('link', { name: 'HV-CASE-0030' })).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ ...FIRST_PAGE, cursor: 'at25', name: 'Mohamed Abdel' });
    expect(screen.getByTestId('address')).toHaveTextContent(/^\/cases\?cursor=at25$/);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('60 cases')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual(FIRST_PAGE);
    expect(nameBox).toHaveValue('');
  });

  it('shows the name the API sends beside the reference, and nothing where it sends none', async () => {
    fakeApi().on('GET', '/cases', {
      body: { items: [{ ...summary(1), shownName: 'Lina' }, summary(2)], total: 2, page: 1, pageSize: 25 },
    });
    await renderWithProviders(<CaseListPage />, onRoute());
    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('HV-CASE-0001Lina');
    expect(within(rows[1]!).getByRole('link', { name: 'HV-CASE-0001' })).toBeInTheDocument();
    expect(rows[2]!.querySelector('.shown-name')).toBeNull();
  });

  it('offers the name search in Arabic too', async () => {
    listApi();
    await renderWithProviders(<CaseListPage />, { ...onRoute(), language: 'ar' });
    expect(screen.getByRole('textbox', { name: /البحث بالاسم/ })).toBeInTheDocument();
  });

  it('filters from the first page, says when nothing matches, and clears every filter', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute('/cases?cursor=at25'));
    await screen.findByRole('link', { name: 'HV-CASE-0026' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Active');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Risk' }), 'critical');
    await user.click(screen.getByRole('checkbox', { name: 'With overdue tasks' }));
    const empty = await emptyState('No case matches');
    expect(empty).toHaveTextContent('Check the reference or change the filters.');
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({
      ...FIRST_PAGE,
      status: 'Active',
      riskLevel: 'critical',
      overdue: 'true',
    });
    await user.click(within(empty).getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('60 cases')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual(FIRST_PAGE);
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('');
    expect(screen.getByRole('checkbox', { name: 'With overdue tasks' })).not.toBeChecked();
  });

  it('says plainly when there are no cases at all, with nothing to clear', async () => {
    listApi(0);
    await renderWithProviders(<CaseListPage />, onRoute());
    const empty = await emptyState('No cases yet');
    expect(empty).toHaveTextContent('Cases you register or are assigned will appear here.');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pages' })).not.toBeInTheDocument();
  });

  it('lets a supervisor filter by colleague', async () => {
    const api = listApi().on('GET', '/users', { body: { items: [BEN], total: 1, page: 1, pageSize: 100 } });
    const { user } = await renderWithProviders(<CaseListPage />, { ...onRoute(), role: 'supervisor' });
    const assignee = screen.getByRole('combobox', { name: 'Assigned to' });
    await within(assignee).findByRole('option', { name: 'Ben Caseworker' });
    await user.selectOptions(assignee, 'Ben Caseworker');
    await screen.findByText('No case matches');
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ ...FIRST_PAGE, assigneeId: BEN.id });
    expect(lastQuery(api.sent('GET', '/users'))).toMatchObject({ role: 'caseworker', pageSize: '100' });
  });

  it('says when the list cannot be loaded, and tries again on request', async () => {
    const api = fakeApi().on('GET', '/cases', problem(500));
    const { user } = await renderWithProviders(<CaseListPage />, onRoute());
    expect(await screen.findByText('The cases could not be loaded.')).toBeInTheDocument();
    api.on('GET', '/cases', {
      body: {
        items: [summary(1)],
        total: 1,
        totalIsLowerBound: false,
        page: 1,
        pageSize: 25,
        nextCursor: null,
        previousCursor: null,
      },
    });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'HV-CASE-0001' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('The cases could not be loaded.')).not.toBeInTheDocument());
  });
});
