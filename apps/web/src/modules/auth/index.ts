// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { useAppAbility } from './hooks/use-app-ability';
export { useSession } from './hooks/use-session';
