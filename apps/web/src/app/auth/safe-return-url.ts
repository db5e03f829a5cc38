/**
 * Only same-app paths are followed after login; anything else (a full URL,
 * a protocol-relative "//host") falls back to the project list.
 */
export function safeReturnUrl(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) {
    return '/projects';
  }
  return value;
}
