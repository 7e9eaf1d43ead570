/** Vietnamese names end with the given name: "Lò Thị Mai" is greeted as "chị Mai". */
export function givenName(full: string): string {
  const parts = full.trim().split(/\s+/);
  return parts[parts.length - 1] || full;
}
