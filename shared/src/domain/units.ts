/** Levels of the union tree after 1/7/2025: no district level. */
export const UNIT_LEVELS = ["tinh", "xa", "chi_hoi", "to"] as const;
export type UnitLevelName = (typeof UNIT_LEVELS)[number];

export const UNIT_LEVEL_LABEL: Record<UnitLevelName, string> = {
  tinh: "Hội LHPN tỉnh",
  xa: "Hội LHPN xã/phường",
  chi_hoi: "Chi hội",
  to: "Tổ phụ nữ",
};

/** Which level may sit directly under which: the tree shape is fixed, its contents are data. */
export function childLevelOf(level: UnitLevelName): UnitLevelName | null {
  const i = UNIT_LEVELS.indexOf(level);
  return UNIT_LEVELS[i + 1] ?? null;
}

export const ROLES = ["can_bo", "admin"] as const;
export type Role = (typeof ROLES)[number];
