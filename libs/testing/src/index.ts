export * from './cases.js';
export * from './clamd-emulator.js';
export * from './database.js';
export * from './http-session.js';
export * from './unit.js';
