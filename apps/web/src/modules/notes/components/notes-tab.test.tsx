import type { Note } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { NotesTab } from './notes-tab';

const CASE = openCase();
const NOTES = `/cases/${CASE.id}/notes`;
const OWN_NOTE: Note = {
  id: '00000000-0000-4000-8000-0000000000e1',
  body: 'Met at the station',
  version: 3,
  author: { id: USER_ID, displayName: 'Ada Caseworker' },
  createdAt: new Date().toISOString(),
  editedAt: null,
  editableUntil: new Date(Date.now() + 10 * 60_000).toISOString(),
} as unknown as Note;

function page(items: Note[]) {
  return { body: { items, total: items.length, page: 1, pageSize: 20 } };
}

describe('NotesTab', () => {
  it('names the new note field', async () => {
    fakeApi().on('GET', NOTES, page([]));
    await renderWithProviders(<NotesTab detail={CASE} />);
    expect(screen.getByRole('textbox', { name: /^New note/ })).toHaveAccessibleDescription(/cannot be deleted/);
    expect(await screen.findByText('No notes yet')).toBeInTheDocument();
  });

  it('refuses an empty note and sends nothing', async () => {
    const api = fakeApi().on('GET', NOTES, page([]));
    const { user } = await renderWithProviders(<NotesTab detail={CASE} />);
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(screen.getByRole('textbox', { name: /^New note/ })).toHaveAccessibleDescription(/^Write something/);
    expect(screen.getByRole('textbox', { name: /^New note/ })).toHaveFocus();
    expect(api.sent('POST', NOTES)).toHaveLength(0);
  });

  it('adds the note from the keyboard and empties the field', async () => {
    const api = fakeApi().on('GET', NOTES, page([])).on('POST', NOTES, { status: 201, body: OWN_NOTE });
    const { user } = await renderWithProviders(<NotesTab detail={CASE} />);
    await user.type(screen.getByRole('textbox', { name: /^New note/ }), 'Met at the station');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Add note' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('textbox', { name: /^New note/ })).toHaveValue(''));
    expect(api.sent('POST', NOTES).map((request) => request.body)).toEqual([{ body: 'Met at the station' }]);
  });

  it('shows the server refusing the note next to the field', async () => {
    fakeApi()
      .on('GET', NOTES, page([]))
      .on('POST', NOTES, fieldProblem([{ field: 'body', message: 'At most 10000 characters' }]));
    const { user } = await renderWithProviders(<NotesTab detail={CASE} />);
    await user.type(screen.getByRole('textbox', { name: /^New note/ }), 'Met at the station');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^New note/ })).toHaveAccessibleDescription(
        /At most 10,?000 characters/,
      ),
    );
    expect(screen.getByRole('textbox', { name: /^New note/ })).toHaveValue('Met at the station');
  });

  it('lets the author correct a note with its version, for a short while', async () => {
    const api = fakeApi()
      .on('GET', NOTES, page([OWN_NOTE]))
      .on('PATCH', `${NOTES}/${OWN_NOTE.id}`, { body: { ...OWN_NOTE, body: 'Met at the bus station', version: 4 } });
    const { user } = await renderWithProviders(<NotesTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const correction = screen.getByRole('textbox', { name: 'Correct the note' });
    await user.clear(correction);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(correction).toHaveAccessibleDescription(/^Write something/);
    await user.type(correction, 'Met at the bus station');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Correct the note' })).not.toBeInTheDocument());
    expect(api.sent('PATCH', `${NOTES}/${OWN_NOTE.id}`).map((request) => request.body)).toEqual([
      { body: 'Met at the bus station', version: 3 },
    ]);
  });

  it('offers no form to someone who may only read the case', async () => {
    fakeApi().on('GET', NOTES, page([OWN_NOTE]));
    await renderWithProviders(<NotesTab detail={openCase({ status: 'Closed' })} />);
    expect(await screen.findByText('Met at the station')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /^New note/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });
});
