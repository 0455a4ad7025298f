import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { languageReady } from './app/i18n/i18n';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

await languageReady;

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
