export * from './database.js';
export * from './http-session.js';
