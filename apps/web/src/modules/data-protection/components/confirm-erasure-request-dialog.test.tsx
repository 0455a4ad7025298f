import type { CaseDetail } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ConfirmErasureRequestDialog } from './confirm-erasure-request-dialog';

const CASE = { id: '00000000-0000-4000-8000-0000000000dd', reference: 'HV-7F3K-2Q9D' } as CaseDetail;
const CONFIRM = `/cases/${CASE.id}/erasure-requests/confirm`;

function renderConfirm(onClose = jest.fn()) {
  return renderWithProviders(<ConfirmErasureRequestDialog detail={CASE} opened onClose={onClose} />, {
    role: 'supervisor',
  });
}

describe('ConfirmErasureRequestDialog', () => {
  it('names its field and warns that it cannot be undone', async () => {
    fakeApi();
    await renderConfirm();
    expect(await screen.findByRole('dialog', { name: 'Confirm the erasure of this copy' })).toBeInTheDocument();
    expect(screen.getByText('This cannot be undone')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Type the case reference .*HV-7F3K-2Q9D.* to confirm/ })).toBeRequired();
  });

  it('erases nothing until the case reference is typed again', async () => {
    const api = fakeApi();
    const { user } = await renderConfirm();
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'HV-7F3K');
    await user.click(screen.getByRole('button', { name: 'Erase this copy' }));
    expect(screen.getByRole('textbox', { name: /Type the case reference/ })).toHaveAccessibleDescription(
      'This is not the case reference',
    );
    expect(api.sent('POST', CONFIRM)).toHaveLength(0);
  });

  it('confirms with the reference, then closes', async () => {
    const api = fakeApi().on('POST', CONFIRM, { body: {} });
    const onClose = jest.fn();
    const { user } = await renderConfirm(onClose);
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'HV-7F3K-2Q9D');
    await user.click(screen.getByRole('button', { name: 'Erase this copy' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('POST', CONFIRM).map((request) => request.body)).toEqual([{ confirmReference: 'HV-7F3K-2Q9D' }]);
  });

  it('shows the server refusing the reference next to it', async () => {
    fakeApi().on('POST', CONFIRM, fieldProblem([{ field: 'confirmReference', message: 'Type the case reference' }]));
    const onClose = jest.fn();
    const { user } = await renderConfirm(onClose);
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'HV-7F3K-2Q9D');
    await user.click(screen.getByRole('button', { name: 'Erase this copy' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /Type the case reference/ })).toHaveAccessibleDescription(
        'Type the case reference',
      ),
    );
    expect(onClose).not.toHaveBeenCalled();
  });

  it('is sent with Enter and closed with Escape', async () => {
    const api = fakeApi().on('POST', CONFIRM, { body: {} });
    const onClose = jest.fn();
    const { user } = await renderConfirm(onClose);
    await user.type(screen.getByRole('textbox', { name: /Type the case reference/ }), 'HV-7F3K-2Q9D{Enter}');
    await waitFor(() => expect(api.sent('POST', CONFIRM)).toHaveLength(1));
    onClose.mockClear();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
