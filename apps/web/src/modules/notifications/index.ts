// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { NOTIFICATIONS_KEY } from './hooks/use-notifications';
