/** class-transformer: trims strings (names, titles, emails) before they are validated. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
