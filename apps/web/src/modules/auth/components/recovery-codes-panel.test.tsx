import { describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { RecoveryCodesPanel } from './recovery-codes-panel';

const CODES = ['abcde-23456', 'fghij-78923', 'kmnop-45678'];
const FILE_TEXT = `Haven recovery codes — each one works once\n\n${CODES.join('\n')}\n`;

describe('RecoveryCodesPanel', () => {
  it('lists every code, once, under its name', async () => {
    fakeApi();
    await renderWithProviders(<RecoveryCodesPanel codes={CODES} onDone={jest.fn()} />);
    const list = screen.getByRole('list', { name: 'Your recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(CODES);
  });

  it('copies the codes with a heading, and says so', async () => {
    fakeApi();
    const { user } = await renderWithProviders(<RecoveryCodesPanel codes={CODES} onDone={jest.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Copy codes' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(FILE_TEXT);
  });

  it('downloads the same text as a file', async () => {
    fakeApi();
    const files: Blob[] = [];
    jest.spyOn(URL, 'createObjectURL').mockImplementation((file) => {
      files.push(file as Blob);
      return 'blob:codes';
    });
    const downloads: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    const { user } = await renderWithProviders(<RecoveryCodesPanel codes={CODES} onDone={jest.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Download codes' }));
    expect(downloads).toEqual(['haven-recovery-codes.txt']);
    expect(files).toHaveLength(1);
    await expect(readText(files[0]!)).resolves.toBe(FILE_TEXT);
  });

  it('goes on only when the user says the codes are saved, from the keyboard too', async () => {
    fakeApi();
    const onDone = jest.fn();
    const { user } = await renderWithProviders(<RecoveryCodesPanel codes={CODES} onDone={onDone} />);
    expect(onDone).not.toHaveBeenCalled();
    screen.getByRole('button', { name: 'I have saved my codes — continue' }).focus();
    await user.keyboard('{Enter}');
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}
