export * from './enums.js';
export * from './common.js';
export * from './auth.js';
export * from './cases.js';
export * from './users.js';
export * from './case-work.js';
export * from './referrals.js';
