export * from './roles.js';
export * from './auth.js';
export * from './projects.js';
export * from './documents.js';
export * from './errors.js';
export * from './collab.js';
export * from './socket-events.js';
