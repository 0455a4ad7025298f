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

/** Answers the list as the API would: 60 cases in pages of 25, or none when filtered by anything else. */
function listApi(total = 60) {
  return fakeApi().on('GET', '/cases', (request) => {
    const page = Number(request.query.get('page'));
    const pageSize = Number(request.query.get('pageSize'));
    const filtered = ['status', 'riskLevel', 'stage', 'reference', 'assigneeId', 'overdue'].some((name) =>
      request.query.has(name),
    );
    const count = filtered ? 0 : total;
    const first = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, count - first)) }, (_, i) =>
      summary(first + i + 1),
    );
    return { body: { items, total: count, page, pageSize } };
  });
}

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
    expect(await screen.findByText('Showing 1–25 of 60')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ page: '1', pageSize: '25' });
    const table = screen.getByRole('table', { name: 'Cases, most recently registered first' });
    expect(within(table).getAllByRole('row')).toHaveLength(26);
    await user.click(within(table).getByRole('link', { name: 'HV-CASE-0001' }));
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent(`/cases/${summary(1).id}`);
  });

  it('pages through the list with named page links', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute());
    const pages = await screen.findByRole('navigation', { name: 'Pages' });
    await user.click(within(pages).getByRole('button', { name: 'Page 3' }));
    expect(await screen.findByText('Showing 51–60 of 60')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toMatchObject({ page: '3' });
    await user.click(within(pages).getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByText('Showing 26–50 of 60')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toMatchObject({ page: '2' });
  });

  it('searches a reference as typed from paper, from the first page, with Enter', async () => {
    const api = listApi();
    const { user } = await renderWithProviders(<CaseListPage />, onRoute('/cases?page=2'));
    await screen.findByText('Showing 26–50 of 60');
    await user.type(searchBox(), ' hv-7f3k 2q9d{Enter}');
    expect(await screen.findByText('No case matches')).toBeInTheDocument();
    expect(searchBox()).toHaveValue('HV-7F3K2Q9D');
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ page: '1', pageSize: '25', reference: 'HV-7F3K2Q9D' });
  });

  it('finds a case by name from the first page, keeps the name out of the address, and pages and clears with it', async () => {
    const api = fakeApi().on('GET', '/cases', (request) => {
      const page = Number(request.query.get('page'));
      const named = request.query.get('name') === 'Mohamed Abdel';
      const total = named ? 30 : 60;
      const first = (page - 1) * 25;
      const items = Array.from({ length: Math.min(25, total - first) }, (_, i) => summary(first + i + 1));
      return { body: { items, total, page, pageSize: 25 } };
    });
    const { user } = await renderWithProviders(
      <>
        <CaseListPage />
        <AddressProbe />
      </>,
      onRoute('/cases?page=2'),
    );
    await screen.findByText('Showing 26–50 of 60');
    const search = screen.getByRole('search', { name: 'Find a case' });
    const nameBox = within(search).getByRole('textbox', { name: /Search by name/ });
    expect(nameBox).toHaveAccessibleDescription('Any spelling: Mohamed finds Muhammad');
    await user.type(nameBox, '  Mohamed Abdel {Enter}');
    expect(await screen.findByText('Showing 1–25 of 30')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ page: '1', pageSize: '25', name: 'Mohamed Abdel' });
    // The list's address holds the page, never the name.
    await user.click(within(screen.getByRole('navigation', { name: 'Pages' })).getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByText('Showing 26–30 of 30')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ page: '2', pageSize: '25', name: 'Mohamed Abdel' });
    expect(screen.getByTestId('address')).toHaveTextContent(/^\/cases\?page=2$/);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('Showing 1–25 of 60')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ page: '1', pageSize: '25' });
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
    const { user } = await renderWithProviders(<CaseListPage />, onRoute('/cases?page=2'));
    await screen.findByText('Showing 26–50 of 60');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Active');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Risk' }), 'critical');
    await user.click(screen.getByRole('checkbox', { name: 'With overdue tasks' }));
    const empty = await emptyState('No case matches');
    expect(empty).toHaveTextContent('Check the reference or change the filters.');
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({
      page: '1',
      pageSize: '25',
      status: 'Active',
      riskLevel: 'critical',
      overdue: 'true',
    });
    await user.click(within(empty).getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('Showing 1–25 of 60')).toBeInTheDocument();
    expect(lastQuery(api.sent('GET', '/cases'))).toEqual({ page: '1', pageSize: '25' });
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
    expect(lastQuery(api.sent('GET', '/cases'))).toMatchObject({ assigneeId: BEN.id, page: '1' });
    expect(lastQuery(api.sent('GET', '/users'))).toMatchObject({ role: 'caseworker', pageSize: '100' });
  });

  it('says when the list cannot be loaded, and tries again on request', async () => {
    const api = fakeApi().on('GET', '/cases', problem(500));
    const { user } = await renderWithProviders(<CaseListPage />, onRoute());
    expect(await screen.findByText('The cases could not be loaded.')).toBeInTheDocument();
    api.on('GET', '/cases', { body: { items: [summary(1)], total: 1, page: 1, pageSize: 25 } });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'HV-CASE-0001' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('The cases could not be loaded.')).not.toBeInTheDocument());
  });
});
