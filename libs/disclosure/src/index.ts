export * from './errors.js';
export * from './cell-size.js';
export * from './dimensions.js';
export * from './age-bands.js';
export * from './differential-privacy.js';
export * from './published-table.js';
export * from './csv.js';
export * from './cell-key.js';
