import type { RoleGrant } from "@hoiso/shared";

/** Vietnamese names end with the given name: "Lò Thị Mai" is greeted as "chị Mai". */
export function givenName(full: string): string {
  const parts = full.trim().split(/\s+/);
  return parts[parts.length - 1] || full;
}

export const ROLE_LABEL: Record<RoleGrant["role"], string> = { can_bo: "Cán bộ", admin: "Quản trị" };
