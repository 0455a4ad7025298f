// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { BulkReassignment, type CaseSelection } from './components/bulk-reassignment';
