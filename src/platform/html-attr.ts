/**
 * Kita escapes `"` in attribute values but not `&`, so a user's "&lt;" typed into a field
 * would come back as "<" on the next render and be saved changed. Every attribute that
 * carries user text goes through this.
 */
export function attr(value: string): string {
  return value.replace(/&/g, '&amp;');
}
