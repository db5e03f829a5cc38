export * from './errors.js';
export * from './create-anchor.js';
export * from './encode-anchor.js';
export * from './resolve-anchor.js';
