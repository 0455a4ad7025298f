// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { PrintableSummaryScreen } from './components/printable-summary-screen';
export { produceReferralSummary } from './api/summary-api';
