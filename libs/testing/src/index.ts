export * from './cases.js';
export * from './database.js';
export * from './http-session.js';
export * from './unit.js';
