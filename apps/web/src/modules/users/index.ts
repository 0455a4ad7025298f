// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { fetchUsers } from './api/users-api';
export { useCaseworkers, useResetTwoFactor } from './hooks/use-users';
