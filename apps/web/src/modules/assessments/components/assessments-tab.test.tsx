import type { Assessment, CaseDetail } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { AssessmentsTab } from './assessments-tab';

const CASE = openCase({ missing: ['assessment.needs'] } as Partial<CaseDetail>);
const ASSESSMENTS = `/cases/${CASE.id}/assessments`;
const ADA = { id: USER_ID, displayName: 'Ada Caseworker' };
const RISK: Assessment = {
  id: '00000000-0000-4000-8000-0000000000e1',
  type: 'risk',
  assessedAt: '2026-03-01T10:00:00.000Z',
  assessedBy: ADA,
  riskLevel: 'high',
  notes: 'Threats by phone',
};
const NEEDS: Assessment = {
  id: '00000000-0000-4000-8000-0000000000e2',
  type: 'needs',
  assessedAt: '2026-03-02T10:00:00.000Z',
  assessedBy: ADA,
  needs: [
    { area: 'legal', level: 'low' },
    { area: 'medical', level: 'high' },
  ],
  notes: null,
};

const dialog = () => screen.getByRole('dialog', { name: 'Record assessment' });
const saveButton = () => within(dialog()).getByRole('button', { name: 'Save assessment' });

async function openForm(detail: CaseDetail = CASE, items: Assessment[] = []) {
  const api = fakeApi().on('GET', ASSESSMENTS, { body: { items } });
  const rendered = await renderWithProviders(<AssessmentsTab detail={detail} />);
  await rendered.user.click(screen.getByRole('button', { name: 'Record assessment' }));
  return { ...rendered, api };
}

describe('AssessmentsTab: the list', () => {
  it('shows each assessment as an article named by its kind, highest needs first', async () => {
    fakeApi().on('GET', ASSESSMENTS, { body: { items: [NEEDS, RISK] } });
    await renderWithProviders(<AssessmentsTab detail={CASE} />);
    const needs = await screen.findByRole('article', { name: 'Needs' });
    expect(
      within(needs)
        .getAllByText(/: (High|Low)$/)
        .map((badge) => badge.textContent),
    ).toEqual(['Medical care: High', 'Legal assistance: Low']);
    const risk = screen.getByRole('article', { name: 'Risk' });
    expect(risk).toHaveTextContent('High');
    expect(risk).toHaveTextContent('Threats by phone');
    // A report or a scan is kept with the assessment it supports.
    expect(within(risk).getByRole('button', { name: 'Attach a file' })).toBeInTheDocument();
  });

  it('filters by kind, asking the API for that kind only, and says when there is none', async () => {
    const api = fakeApi().on('GET', ASSESSMENTS, (request) => ({
      body: { items: request.query.get('type') === 'protection' ? [] : [RISK] },
    }));
    const { user } = await renderWithProviders(<AssessmentsTab detail={CASE} />);
    await screen.findByRole('article', { name: 'Risk' });
    expect(screen.getByRole('radiogroup', { name: 'Show assessments' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Protection' }));
    expect(await screen.findByText('No assessment of this kind yet')).toBeInTheDocument();
    expect(api.sent('GET', ASSESSMENTS).at(-1)!.query.get('type')).toBe('protection');
  });

  it('says when there is no assessment yet, and when they cannot be loaded', async () => {
    const api = fakeApi().on('GET', ASSESSMENTS, { body: { items: [] } });
    await renderWithProviders(<AssessmentsTab detail={CASE} />);
    expect(await screen.findByText('No assessment recorded yet')).toBeInTheDocument();
    api.on('GET', ASSESSMENTS, problem(500));
    await renderWithProviders(<AssessmentsTab detail={{ ...CASE, id: '00000000-0000-4000-8000-0000000000ff' }} />);
    expect(await screen.findByText('The assessments could not be loaded.')).toBeInTheDocument();
  });

  it('offers no recording on a closed case', async () => {
    fakeApi().on('GET', ASSESSMENTS, { body: { items: [] } });
    await renderWithProviders(<AssessmentsTab detail={{ ...CASE, status: 'Closed' }} />);
    await screen.findByText('No assessment recorded yet');
    expect(screen.queryByRole('button', { name: 'Record assessment' })).not.toBeInTheDocument();
  });
});

describe('AssessmentsTab: recording an assessment', () => {
  it('opens on what intake still lacks, and is closed with Escape without sending', async () => {
    const { user, api } = await openForm();
    expect(within(dialog()).getByRole('radio', { name: 'Needs' })).toBeChecked();
    expect(within(dialog()).getByRole('combobox', { name: 'Medical care' })).toHaveValue('');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', ASSESSMENTS)).toHaveLength(0);
  });

  it('asks for at least one rated area, on the needs group, and sends nothing', async () => {
    const { user, api } = await openForm();
    await user.click(saveButton());
    expect(within(dialog()).getByRole('group', { name: /^Needs/ })).toHaveAccessibleDescription(
      /Rate at least one area/,
    );
    expect(api.sent('POST', ASSESSMENTS)).toHaveLength(0);
  });

  it('sends only the rated areas, is busy meanwhile, then closes and says so', async () => {
    const held = heldReply({ status: 201, body: NEEDS });
    const { user, api } = await openForm();
    api.on('POST', ASSESSMENTS, held.answer);
    await user.selectOptions(within(dialog()).getByRole('combobox', { name: 'Medical care' }), 'high');
    await user.selectOptions(within(dialog()).getByRole('combobox', { name: 'Legal assistance' }), 'low');
    await user.type(within(dialog()).getByRole('textbox', { name: /^Notes/ }), 'Clinic on Monday');
    await user.click(saveButton());
    await waitFor(() => expect(saveButton()).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('The assessment was recorded.')).toBeInTheDocument();
    expect(api.sent('POST', ASSESSMENTS).map((request) => request.body)).toEqual([
      {
        type: 'needs',
        needs: [
          { area: 'medical', level: 'high' },
          { area: 'legal', level: 'low' },
        ],
        notes: 'Clinic on Monday',
      },
    ]);
  });

  it('records a risk level, refusing none', async () => {
    const { user, api } = await openForm();
    api.on('POST', ASSESSMENTS, { status: 201, body: RISK });
    await user.click(within(dialog()).getByRole('radio', { name: 'Risk' }));
    const level = within(dialog()).getByRole('radiogroup', { name: /^Risk level/ });
    await user.click(saveButton());
    expect(level).toHaveAccessibleDescription(/Choose an option/);
    expect(api.sent('POST', ASSESSMENTS)).toHaveLength(0);
    await user.click(within(level).getByRole('radio', { name: 'Critical' }));
    await user.click(saveButton());
    await waitFor(() => expect(api.sent('POST', ASSESSMENTS)).toHaveLength(1));
    expect(api.sent('POST', ASSESSMENTS)[0]!.body).toEqual({ type: 'risk', riskLevel: 'critical' });
  });

  it('records a protection screening with both answers and an outcome', async () => {
    const { user, api } = await openForm();
    api.on('POST', ASSESSMENTS, { status: 201, body: RISK });
    await user.click(within(dialog()).getByRole('radio', { name: 'Protection' }));
    await user.click(saveButton());
    const outcome = within(dialog()).getByRole('combobox', { name: /^Outcome of the screening/ });
    expect(outcome).toHaveAccessibleDescription('Choose an option');
    expect(api.sent('POST', ASSESSMENTS)).toHaveLength(0);
    await user.click(
      within(within(dialog()).getByRole('radiogroup', { name: /^Fear of return/ })).getByRole('radio', { name: 'Yes' }),
    );
    await user.click(
      within(within(dialog()).getByRole('radiogroup', { name: /^Intends to seek asylum/ })).getByRole('radio', {
        name: 'No',
      }),
    );
    await user.click(outcome);
    await user.click(await screen.findByRole('option', { name: 'Protection need identified' }));
    await user.click(saveButton());
    await waitFor(() => expect(api.sent('POST', ASSESSMENTS)).toHaveLength(1));
    expect(api.sent('POST', ASSESSMENTS)[0]!.body).toEqual({
      type: 'protection',
      fearOfReturn: true,
      asylumIntention: false,
      outcome: 'protectionNeedIdentified',
    });
  });

  it('shows the server refusing a field next to that field', async () => {
    const { user, api } = await openForm();
    api.on('POST', ASSESSMENTS, fieldProblem([{ field: 'notes', message: 'At most 4000 characters' }]));
    await user.selectOptions(within(dialog()).getByRole('combobox', { name: 'Medical care' }), 'high');
    await user.type(within(dialog()).getByRole('textbox', { name: /^Notes/ }), 'Clinic on Monday');
    await user.click(saveButton());
    await waitFor(() =>
      expect(within(dialog()).getByRole('textbox', { name: /^Notes/ })).toHaveAccessibleDescription(
        /At most 4000 characters/,
      ),
    );
    expect(dialog()).toBeInTheDocument();
  });

  it('says when the case changed meanwhile, keeping the dialog open', async () => {
    const { user, api } = await openForm();
    api.on('POST', ASSESSMENTS, problem(409));
    await user.selectOptions(within(dialog()).getByRole('combobox', { name: 'Medical care' }), 'high');
    await user.click(saveButton());
    expect(await within(dialog()).findByText('This cannot be done right now')).toBeInTheDocument();
  });
});
