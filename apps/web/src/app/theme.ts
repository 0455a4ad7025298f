import { Alert, createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 6 of Mantine's palette is below 4.5:1 with white text; 8 keeps buttons and links readable.
  primaryShade: { light: 8, dark: 5 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  // People who ask their system for less motion get no sliding or fading panels.
  respectReducedMotion: true,
  components: {
    // A light alert's title in its own colour (yellow, orange, blue) is below 4.5:1 on the tinted background;
    // the border and icon carry the colour, the title stays near-black.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-gray-9)' } } }),
  },
});

// Mantine's default dimmed, placeholder and error colours fail WCAG AA contrast on white.
export const cssVariablesResolver: CSSVariablesResolver = (current) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': current.colors.gray[7],
    '--mantine-color-placeholder': current.colors.gray[6],
    '--mantine-color-error': current.colors.red[9],
  },
  dark: {},
});
