import type { Task } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { TasksTab } from './tasks-tab';

const CASE = openCase();
const TASKS = `/cases/${CASE.id}/tasks`;
const BEN = { id: '00000000-0000-4000-8000-0000000000a2', displayName: 'Ben Caseworker', active: true };
const CALL_BACK: Task = {
  id: '00000000-0000-4000-8000-0000000000f1',
  title: 'Call the embassy',
  dueOn: '2099-03-01',
  status: 'open',
  version: 2,
  assignee: { id: USER_ID, displayName: 'Ada Caseworker' },
} as unknown as Task;

const titleInput = () => screen.getByRole('textbox', { name: /^What needs doing/ });

describe('TasksTab: adding a task', () => {
  it('names its fields; a caseworker’s tasks are her own, so there is no choice of person', async () => {
    fakeApi().on('GET', TASKS, { body: { items: [] } });
    await renderWithProviders(<TasksTab detail={CASE} />);
    expect(screen.getByRole('form', { name: 'Add task' })).toBeInTheDocument();
    expect(titleInput()).toBeRequired();
    expect(screen.getByLabelText(/^Due on/)).toBeRequired();
    expect(screen.queryByRole('combobox', { name: /^For/ })).not.toBeInTheDocument();
  });

  it('says what is missing, moves to it, and sends nothing', async () => {
    const api = fakeApi().on('GET', TASKS, { body: { items: [] } });
    const { user } = await renderWithProviders(<TasksTab detail={CASE} />);
    await user.type(screen.getByLabelText(/^Due on/), '2099-03-01');
    await user.click(screen.getByRole('button', { name: 'Add task' }));
    expect(titleInput()).toHaveAccessibleDescription('Required');
    expect(titleInput()).toHaveFocus();
    expect(api.sent('POST', TASKS)).toHaveLength(0);
  });

  it('adds the task for the colleague a supervisor chose, from the keyboard', async () => {
    const api = fakeApi()
      .on('GET', TASKS, { body: { items: [] } })
      .on('GET', '/users', { body: { items: [BEN], total: 1, page: 1, pageSize: 100 } })
      .on('POST', TASKS, { status: 201, body: CALL_BACK });
    const { user } = await renderWithProviders(<TasksTab detail={CASE} />, { role: 'supervisor' });
    await user.click(screen.getByRole('combobox', { name: /^For/ }));
    await user.click(await screen.findByRole('option', { name: 'Ben Caseworker' }));
    await user.type(screen.getByLabelText(/^Due on/), '2099-03-01');
    await user.type(titleInput(), 'Call the embassy{Enter}');
    await waitFor(() => expect(titleInput()).toHaveValue(''));
    expect(api.sent('POST', TASKS).map((request) => request.body)).toEqual([
      { title: 'Call the embassy', dueOn: '2099-03-01', assigneeId: BEN.id },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi()
      .on('GET', TASKS, { body: { items: [] } })
      .on('POST', TASKS, fieldProblem([{ field: 'dueOn', message: 'Use a date between 1900-01-01 and 2999-12-31' }]));
    const { user } = await renderWithProviders(<TasksTab detail={CASE} />);
    await user.type(screen.getByLabelText(/^Due on/), '2099-03-01');
    await user.type(titleInput(), 'Call the embassy{Enter}');
    await waitFor(() => expect(screen.getByLabelText(/^Due on/)).toHaveAccessibleDescription(/1900.*2999/));
  });
});

describe('TasksTab: editing a task', () => {
  it('sends the change with the task’s version, and is closed with Escape', async () => {
    const api = fakeApi()
      .on('GET', TASKS, { body: { items: [CALL_BACK] } })
      .on('PATCH', `${TASKS}/${CALL_BACK.id}`, { body: { ...CALL_BACK, status: 'done', version: 3 } });
    const { user } = await renderWithProviders(<TasksTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Edit task: Call the embassy' }));
    expect(screen.getByRole('dialog', { name: 'Edit task' })).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: /^Status/ }));
    await user.click(await screen.findByRole('option', { name: 'Done' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit task' })).not.toBeInTheDocument());
    expect(api.sent('PATCH', `${TASKS}/${CALL_BACK.id}`).map((request) => request.body)).toEqual([
      { version: 2, title: 'Call the embassy', dueOn: '2099-03-01', assigneeId: USER_ID, status: 'done' },
    ]);

    await user.click(await screen.findByRole('button', { name: 'Edit task: Call the embassy' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit task' })).not.toBeInTheDocument());
    expect(api.sent('PATCH', `${TASKS}/${CALL_BACK.id}`)).toHaveLength(1);
  });

  it('refuses an empty title and shows the server’s objection on its field', async () => {
    const api = fakeApi()
      .on('GET', TASKS, { body: { items: [CALL_BACK] } })
      .on('PATCH', `${TASKS}/${CALL_BACK.id}`, fieldProblem([{ field: 'title', message: 'At most 300 characters' }]));
    const { user } = await renderWithProviders(<TasksTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Edit task: Call the embassy' }));
    const dialogTitle = screen.getAllByRole('textbox', { name: /^What needs doing/ }).at(-1)!;
    await user.clear(dialogTitle);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(dialogTitle).toHaveAccessibleDescription('Required');
    expect(api.sent('PATCH', `${TASKS}/${CALL_BACK.id}`)).toHaveLength(0);
    await user.type(dialogTitle, 'Call the embassy again{Enter}');
    await waitFor(() => expect(dialogTitle).toHaveAccessibleDescription('At most 300 characters'));
  });
});
