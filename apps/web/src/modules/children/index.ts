// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { ChildAssentFields, ChildAssentNote } from './components/child-assent-fields';
