// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { MY_WORK_KEY } from './api/my-work-api';
