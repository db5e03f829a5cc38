/**
 * What Tolk writes as `origin` in its exports (docs/refi-qda.md: truthful). Kept
 * equal to the version in package.json by a unit test.
 */
export const TOLK_VERSION = '0.1.0';
export const TOLK_ORIGIN = `Tolk ${TOLK_VERSION}`;
