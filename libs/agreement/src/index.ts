export * from './binary-table.js';
export * from './krippendorff-alpha.js';
export * from './coverage.js';
export * from './character-agreement.js';
