import { describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '../../testing/render';
import { CursorPager } from './cursor-pager';

describe('CursorPager', () => {
  it('offers the next page from the first, with previous disabled, as a named navigation landmark', async () => {
    const onChange = jest.fn<(cursor: string) => void>();
    const { user } = await renderWithProviders(
      <CursorPager previousCursor={null} nextCursor="next-1" onChange={onChange} label="Pages of cases" />,
    );
    const pages = screen.getByRole('navigation', { name: 'Pages of cases' });
    expect(within(pages).getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    expect(onChange).toHaveBeenCalledWith('next-1');
  });

  it('goes back with the previous cursor, and forward is disabled on the last page', async () => {
    const onChange = jest.fn<(cursor: string) => void>();
    const { user } = await renderWithProviders(
      <CursorPager previousCursor="previous-1" nextCursor={null} onChange={onChange} label="Pages" />,
    );
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(onChange).toHaveBeenCalledWith('previous-1');
  });

  it('shows nothing when the list fits on one page, and speaks Arabic', async () => {
    const { unmount } = await renderWithProviders(
      <CursorPager previousCursor={null} nextCursor={null} onChange={() => undefined} label="Pages" />,
    );
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    unmount();
    await renderWithProviders(
      <CursorPager previousCursor={null} nextCursor="n" onChange={() => undefined} label="الصفحات" />,
      { language: 'ar' },
    );
    expect(screen.getByRole('button', { name: 'الصفحة التالية' })).toHaveTextContent('التالي');
  });
});
