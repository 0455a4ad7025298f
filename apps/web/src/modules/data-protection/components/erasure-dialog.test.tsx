import type { CaseDetail } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ErasureDialog } from './erasure-dialog';

const CASE = { id: '00000000-0000-4000-8000-0000000000dd', reference: 'HV-7F3K-2Q9D' } as CaseDetail;
const ERASURE = `/cases/${CASE.id}/erasure`;

function renderErasure(onClose = jest.fn()) {
  return renderWithProviders(<ErasureDialog detail={CASE} opened onClose={onClose} />, { role: 'supervisor' });
}

async function chooseReasonAndChannel(user: Awaited<ReturnType<typeof renderErasure>>['user']) {
  await user.click(screen.getByRole('combobox', { name: /^Reason/ }));
  await user.click(await screen.findByRole('option', { name: 'The survivor asked for erasure' }));
  await user.click(screen.getByRole('combobox', { name: /^How the request was received/ }));
  await user.click(await screen.findByRole('option', { name: 'In writing' }));
}

describe('ErasureDialog', () => {
  it('names its fields and warns that it cannot be undone', async () => {
    fakeApi();
    await renderErasure();
    expect(await screen.findByRole('dialog', { name: 'Record an erasure request' })).toBeInTheDocument();
    expect(screen.getByText('This cannot be undone')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Reason/ })).toBeRequired();
    expect(screen.getByRole('combobox', { name: /^How the request was received/ })).toBeRequired();
    expect(screen.getByRole('textbox', { name: /Type the case reference .*HV-7F3K-2Q9D.* to confirm/ })).toBeRequired();
  });

  it('erases nothing until the case reference is typed again', async () => {
    const api = fakeApi();
    const { user } = await renderErasure();
    await user.click(screen.getByRole('button', { name: 'Erase' }));
    expect(screen.getByRole('combobox', { name: /^Reason/ })).toHaveAccessibleDescription('Required');
    await chooseReasonAndChannel(user);
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'HV-0000-0000');
    await user.click(screen.getByRole('button', { name: 'Erase' }));
    expect(screen.getByRole('textbox', { name: /Type the case reference/ })).toHaveAccessibleDescription(
      'This is not the case reference',
    );
    expect(api.sent('POST', ERASURE)).toHaveLength(0);
  });

  it('records the request with codes only, then closes', async () => {
    const api = fakeApi().on('POST', ERASURE, { body: {} });
    const onClose = jest.fn();
    const { user } = await renderErasure(onClose);
    await chooseReasonAndChannel(user);
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'hv-7f3k-2q9d');
    await user.click(screen.getByRole('button', { name: 'Erase' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('POST', ERASURE).map((request) => request.body)).toEqual([
      { reason: 'survivorRequest', channel: 'inWriting', confirmReference: 'hv-7f3k-2q9d' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on('POST', ERASURE, fieldProblem([{ field: 'confirmReference', message: 'Type the case reference' }]));
    const onClose = jest.fn();
    const { user } = await renderErasure(onClose);
    await chooseReasonAndChannel(user);
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'HV-7F3K-2Q9D');
    await user.click(screen.getByRole('button', { name: 'Erase' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /Type the case reference/ })).toHaveAccessibleDescription(
        'Type the case reference',
      ),
    );
    expect(onClose).not.toHaveBeenCalled();
  });

  it('is sent with Enter and closed with Escape', async () => {
    const api = fakeApi().on('POST', ERASURE, { body: {} });
    const onClose = jest.fn();
    const { user } = await renderErasure(onClose);
    await chooseReasonAndChannel(user);
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'HV-7F3K-2Q9D{Enter}');
    await waitFor(() => expect(api.sent('POST', ERASURE)).toHaveLength(1));
    onClose.mockClear();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
