// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { useConsents } from './hooks/use-consents';
export { ConsentForRecipient, standingConsent } from './components/consent-for-recipient';
