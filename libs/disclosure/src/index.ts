export * from './errors.js';
export * from './cell-size.js';
export * from './rounding.js';
export * from './dimensions.js';
export * from './age-bands.js';
export { suppress, suppressTable, withMargins, type MarginalTable, type Reach, type Suppression } from './suppression.js';
export * from './differential-privacy.js';
export * from './publish.js';
export * from './csv.js';
