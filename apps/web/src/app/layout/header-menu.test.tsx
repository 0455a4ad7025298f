import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { changeLanguage, currentLanguage } from '../i18n/i18n';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders } from '../../testing/render';
import { HeaderMenu } from './header-menu';

describe('HeaderMenu: the phone header’s account, language and sign-out', () => {
  afterEach(async () => {
    await changeLanguage('en');
  });

  it('is a button that says whether it is open, and shows who is signed in, the languages and signing out', async () => {
    const { user } = await renderWithProviders(<HeaderMenu />);
    const button = await screen.findByRole('button', { name: 'Account, language and sign-out' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const menu = await screen.findByRole('menu');
    expect(button.getAttribute('aria-controls')).toBe(menu.id);
    expect(within(menu).getByText('Ada Caseworker')).toBeTruthy();
    expect(within(menu).getByText('Harbour Shelter')).toBeTruthy();
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => [item.textContent, item.getAttribute('aria-current')])).toEqual([
      ['English', 'true'],
      ['Français', null],
      ['العربية', null],
      ['Sign out', null],
    ]);
    expect(within(menu).getByRole('menuitem', { name: 'Sign out' })).toBeTruthy();
  });

  it('is used from the keyboard: opened with Enter, items reached with the arrows, Escape gives focus back', async () => {
    const { user } = await renderWithProviders(<HeaderMenu />);
    const button = await screen.findByRole('button', { name: 'Account, language and sign-out' });
    button.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('English'));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Français'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('changes the language, and its own label follows', async () => {
    const { user } = await renderWithProviders(<HeaderMenu />);
    await user.click(await screen.findByRole('button', { name: 'Account, language and sign-out' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Français' }));
    await waitFor(() => expect(currentLanguage()).toBe('fr'));
    expect(await screen.findByRole('button', { name: 'Compte, langue et déconnexion' })).toBeTruthy();
  });

  it('is in Arabic for an Arabic reader', async () => {
    await renderWithProviders(<HeaderMenu />, { language: 'ar' });
    expect(await screen.findByRole('button', { name: 'الحساب واللغة وتسجيل الخروج' })).toBeTruthy();
  });

  it('signs out', async () => {
    const api = fakeApi().on('POST', '/auth/logout', { status: 204 });
    const { user } = await renderWithProviders(<HeaderMenu />, { path: '/', route: '/' });
    await user.click(await screen.findByRole('button', { name: 'Account, language and sign-out' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await waitFor(() => expect(api.sent('POST', '/auth/logout')).toHaveLength(1));
    expect((await screen.findByTestId('navigated-to')).textContent).toBe('/sign-in');
  });
});
