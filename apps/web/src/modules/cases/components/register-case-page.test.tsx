import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, type Rendered } from '../../../testing/render';
import { RegisterCasePage } from './register-case-page';

const DUPLICATE_CHECK = '/cases/duplicate-check';
const CREATED = { ...openCase({ reference: 'HV-NEW1-CASE' }), possibleDuplicates: [], withheldDuplicate: false };
const NO_DUPLICATES = { body: { possibleDuplicates: [], withheldDuplicate: false } };
const onRoute = { route: '/cases/new', path: '/cases/new' };

const givenName = () => screen.getByRole('textbox', { name: /^Given name or alias/ });
const familyName = () => screen.getByRole('textbox', { name: /^Family name/ });
const sex = () => screen.getByRole('combobox', { name: /^Sex/ });
const nationality = () => screen.getByRole('combobox', { name: /^Nationality/ });
const age = () => screen.getByRole('textbox', { name: /^Estimated age in years/ });
const submitButton = () => screen.getByRole('button', { name: 'Register case' });

/** Fills in the minimum a registration needs: a name, an age, sex, nationality and (unless told not to) the risk. */
async function fillMinimum({ user }: Rendered, risk: string | null = 'Medium') {
  await user.type(givenName(), 'Amina');
  await user.type(age(), '24');
  await user.click(sex());
  await user.click(await screen.findByRole('option', { name: 'Female' }));
  await user.type(nationality(), 'Nigeri');
  await user.click(await screen.findByRole('option', { name: 'Nigeria' }));
  if (risk) await user.click(screen.getByRole('radio', { name: risk }));
}

describe('RegisterCasePage', () => {
  it('names its fields, says which are required, and preselects no risk level', async () => {
    fakeApi();
    await renderWithProviders(<RegisterCasePage />, onRoute);
    expect(screen.getByRole('heading', { level: 1, name: 'Register a case' })).toBeInTheDocument();
    expect(givenName()).toBeRequired();
    expect(givenName()).toHaveAccessibleDescription('An alias is fine if the person prefers not to give a name.');
    expect(familyName()).not.toBeRequired();
    expect(sex()).toBeRequired();
    expect(nationality()).toBeRequired();
    expect(screen.getByLabelText(/^Date of birth/)).toHaveAttribute('type', 'date');
    const risk = screen.getByRole('radiogroup', { name: /^Risk level/ });
    for (const radio of within(risk).getAllByRole('radio')) expect(radio).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Sensitive case/ })).not.toBeChecked();
  });

  it('says what is missing, moves to the first of it, and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderWithProviders(<RegisterCasePage />, onRoute);
    await user.click(submitButton());
    expect(givenName()).toHaveAccessibleDescription(/Required/);
    expect(givenName()).toHaveFocus();
    expect(sex()).toHaveAccessibleDescription('Choose an option');
    expect(nationality()).toHaveAccessibleDescription(/Choose a country from the list|Choose an option/);
    expect(age()).toHaveAccessibleDescription('Give a date of birth or an estimated age');
    expect(screen.getByRole('radiogroup', { name: /^Risk level/ })).toHaveAccessibleDescription(
      'Choose the risk level: low, medium, high or critical',
    );
    expect(api.sent('POST', '/cases')).toHaveLength(0);
  });

  it('asks for the risk level when everything else is given, and sends nothing until it is chosen', async () => {
    const api = fakeApi()
      .on('POST', DUPLICATE_CHECK, NO_DUPLICATES)
      .on('POST', '/cases', { status: 201, body: CREATED });
    const rendered = await renderWithProviders(<RegisterCasePage />, onRoute);
    await fillMinimum(rendered, null);
    await rendered.user.click(submitButton());
    expect(await screen.findByText('Choose the risk level: low, medium, high or critical')).toBeInTheDocument();
    expect(api.sent('POST', '/cases')).toHaveLength(0);
    await rendered.user.click(screen.getByRole('radio', { name: 'Low' }));
    await rendered.user.click(submitButton());
    await waitFor(() => expect(api.sent('POST', '/cases')).toHaveLength(1));
    expect(api.sent('POST', '/cases')[0]!.body).toMatchObject({ riskLevel: 'low' });
  });

  it('says what is wrong while typing, and a birth date satisfies the age rule', async () => {
    fakeApi().on('POST', DUPLICATE_CHECK, NO_DUPLICATES);
    const { user } = await renderWithProviders(<RegisterCasePage />, onRoute);
    await user.type(age(), '130');
    expect(age()).toHaveAccessibleDescription('At most 120');
    await user.clear(age());
    await user.click(submitButton());
    expect(age()).toHaveAccessibleDescription('Give a date of birth or an estimated age');
    await user.type(screen.getByLabelText(/^Date of birth/), '2001-05-04');
    expect(age()).not.toHaveAccessibleDescription();
  });

  it('registers with exactly what was entered, is busy meanwhile, and opens the new case', async () => {
    const held = heldReply({ status: 201, body: CREATED });
    const api = fakeApi().on('POST', DUPLICATE_CHECK, NO_DUPLICATES).on('POST', '/cases', held.answer);
    const rendered = await renderWithProviders(<RegisterCasePage />, onRoute);
    const { user } = rendered;
    await fillMinimum(rendered);
    await user.type(familyName(), 'Okafor');
    await user.click(screen.getByRole('radio', { name: 'High' }));
    await user.click(screen.getByRole('checkbox', { name: /^Sensitive case/ }));
    await user.click(submitButton());
    await waitFor(() => expect(submitButton()).toBeDisabled());
    held.release();
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent(`/cases/${CREATED.id}`);
    expect(await screen.findByText('Case HV-NEW1-CASE was registered.')).toBeInTheDocument();
    expect(api.sent('POST', '/cases').map((request) => request.body)).toEqual([
      {
        givenName: 'Amina',
        familyName: 'Okafor',
        estimatedAge: 24,
        sex: 'Feminine',
        nationality: 'NG',
        riskLevel: 'high',
        exploitationTypes: [],
        sensitive: true,
        // The contract's defaults, filled in by the same schema the API validates with.
        aliases: [],
        languages: [],
        contact: {},
        documents: [],
        recruitmentMethods: [],
        controlMethods: [],
        recruitmentCountries: [],
        transitCountries: [],
        exploitationCountries: [],
      },
    ]);
  });

  it('warns of a possible duplicate before registering, by reference only', async () => {
    const api = fakeApi().on('POST', DUPLICATE_CHECK, {
      body: { possibleDuplicates: [{ reference: 'HV-OLD1-CASE' }], withheldDuplicate: false },
    });
    const { user } = await renderWithProviders(<RegisterCasePage />, onRoute);
    await user.type(givenName(), 'Amina');
    await user.type(age(), '24');
    const warning = await screen.findByRole('status', {}, { timeout: 5_000 });
    expect(warning).toHaveTextContent(/Possible duplicate.*HV-OLD1-CASE/);
    expect(api.sent('POST', DUPLICATE_CHECK).at(-1)!.body).toEqual({
      givenName: 'Amina',
      familyName: '',
      estimatedAge: 24,
    });
    expect(api.sent('POST', '/cases')).toHaveLength(0);
  });

  it('shows the server refusing a field next to that field, and moves there', async () => {
    fakeApi()
      .on('POST', DUPLICATE_CHECK, NO_DUPLICATES)
      .on('POST', '/cases', fieldProblem([{ field: 'nationality', message: 'Choose a country from the list' }]));
    const rendered = await renderWithProviders(<RegisterCasePage />, onRoute);
    await fillMinimum(rendered);
    await rendered.user.click(submitButton());
    await waitFor(() => expect(nationality()).toHaveAccessibleDescription('Choose a country from the list'));
    expect(nationality()).toHaveFocus();
    expect(screen.getByText('Some fields need attention. Check the messages next to them.')).toBeInTheDocument();
    expect(screen.queryByTestId('navigated-to')).not.toBeInTheDocument();
  });

  it('says the case could not be registered when the server fails, keeping the input', async () => {
    const api = fakeApi().on('POST', DUPLICATE_CHECK, NO_DUPLICATES).on('POST', '/cases', problem(409));
    const rendered = await renderWithProviders(<RegisterCasePage />, onRoute);
    await fillMinimum(rendered);
    await rendered.user.click(submitButton());
    expect(await screen.findByText('The case could not be registered. Try again.')).toBeInTheDocument();
    expect(givenName()).toHaveValue('Amina');
    api.on('POST', '/cases', fieldProblem([{ field: 'assigneeId', message: 'Not allowed for you' }]));
    await rendered.user.click(submitButton());
    await waitFor(() => expect(api.sent('POST', '/cases')).toHaveLength(2));
    expect(await screen.findByText('The case could not be registered. Try again.')).toBeInTheDocument();
  });

  it('is left with Cancel without sending anything', async () => {
    const api = fakeApi();
    const { user } = await renderWithProviders(<RegisterCasePage />, onRoute);
    await user.type(givenName(), 'Amina');
    await user.click(screen.getByRole('link', { name: 'Cancel' }));
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent('/cases');
    expect(api.sent('POST', '/cases')).toHaveLength(0);
  });
});
