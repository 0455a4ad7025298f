/**
 * Runs before every web component test (the `web` project in jest.config.js): the DOM matchers, and the
 * browser features Mantine relies on that jsdom does not have.
 */
import '@testing-library/jest-dom/jest-globals';
import { afterEach, jest } from '@jest/globals';
import { cleanup, configure } from '@testing-library/react';
import { TextDecoder, TextEncoder } from 'node:util';

// The router encodes paths; jsdom's window has no text codecs.
globalThis.TextEncoder ??= TextEncoder as typeof globalThis.TextEncoder;
globalThis.TextDecoder ??= TextDecoder as unknown as typeof globalThis.TextDecoder;

// i18next advertises its vendor once per process on the console; in every test file that is noise.
(globalThis as Record<string, unknown>).__i18next_supportNoticeShown = true;

// Mantine's colour scheme and responsive props ask for media queries; jsdom answers none of them.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// Scroll areas, text areas that grow and floating dropdowns watch their size.
const nothing = () => undefined;
class NoResizeObserver {
  observe = nothing;
  unobserve = nothing;
  disconnect = nothing;
}
window.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;
window.IntersectionObserver ??= class extends NoResizeObserver {
  readonly root = null;
  readonly rootMargin = '';
  readonly thresholds = [];
  takeRecords = () => [];
} as unknown as typeof IntersectionObserver;

// Comboboxes scroll the selected option into view; problems scroll into view when they appear.
Element.prototype.scrollIntoView ??= nothing;
Element.prototype.scrollTo ??= nothing;
window.scrollTo = nothing;

// Text areas that grow with their text measure again once web fonts have loaded.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { ready: Promise.resolve(), addEventListener: nothing, removeEventListener: nothing },
  });
}

// Object URLs for downloads (exports, CSV templates).
URL.createObjectURL ??= () => 'blob:test';
URL.revokeObjectURL ??= () => undefined;

// A failed query names what it looked for; the whole dialog's markup (Mantine's, mostly) would bury that.
configure({
  // findBy… and waitFor give up after this long. The default, one second, fails a correct test on a loaded
  // machine (the whole suite runs beside the browser journeys); a broken screen still fails, only later.
  asyncUtilTimeout: 10_000,
  getElementError: (message) => {
    const error = new Error(message ?? 'Element not found');
    error.name = 'TestingLibraryElementError';
    return error;
  },
});

afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
  window.localStorage.clear();
});
