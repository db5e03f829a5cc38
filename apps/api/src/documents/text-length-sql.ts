/**
 * SQL for a text column's length as JavaScript counts it (UTF-16 code units):
 * code points plus one for each character beyond the BMP (emoji), which take
 * two. Lets lists and analysis know lengths without shipping every text.
 */
export const utf16LengthSql = (column: string): string =>
  `char_length(${column}) + char_length(regexp_replace(${column}, '[^\\U00010000-\\U0010FFFF]', '', 'g'))`;
