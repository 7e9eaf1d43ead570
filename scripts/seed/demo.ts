/**
 * Demo data shared by the seed, tests and the Mini App (development login). Plain constants, no Node imports, so the
 * browser build can use them too. Demo chi hội and tổ names are invented (plausible, not an official list).
 */

export const PROVINCE_CODE = "15";
export const PROVINCE_NAME = "Hội LHPN tỉnh Lào Cai";

/**
 * Seeded units get ids derived from their codes (digits only, so the result is valid hex): a reseeded development
 * database keeps the same ids, and a client can name a demo unit without looking it up. The digit count is part of
 * the id so "15" and "00015" cannot collide.
 */
export function seedUnitId(code: string): string {
  const digits = code.replace(/\D/g, "");
  if (digits.length === 0 || digits.length > 12) throw new Error(`seed unit code ${code} must hold 1-12 digits`);
  return `15000000-0000-4000-80${String(digits.length).padStart(2, "0")}-${digits.padStart(12, "0")}`;
}

export interface DemoUnit {
  code: string;
  name: string;
  children?: DemoUnit[];
}

/** Chi hội (and a few tổ) under some communes; codes follow the parent's, as the admin API numbers them. */
export const DEMO_TREE: Record<string, DemoUnit[]> = {
  // Xã Bảo Thắng (from thị trấn Phố Lu and xã Thái Niên, Sơn Hải, Sơn Hà)
  "02905": [
    {
      code: "02905.01",
      name: "Chi hội thôn Làng Mới",
      children: [
        { code: "02905.01.01", name: "Tổ phụ nữ số 1" },
        { code: "02905.01.02", name: "Tổ phụ nữ số 2" },
      ],
    },
    { code: "02905.02", name: "Chi hội tổ dân phố 3 Phố Lu", children: [{ code: "02905.02.01", name: "Tổ phụ nữ số 1" }] },
    { code: "02905.03", name: "Chi hội thôn Tân Thái" },
    { code: "02905.04", name: "Chi hội thôn An Thành" },
  ],
  // Phường Sa Pa
  "03006": [
    { code: "03006.01", name: "Chi hội tổ dân phố số 1" },
    { code: "03006.02", name: "Chi hội tổ dân phố Cầu Mây" },
    { code: "03006.03", name: "Chi hội thôn Sả Séng" },
  ],
  // Phường Lào Cai
  "02647": [
    { code: "02647.01", name: "Chi hội tổ dân phố Kim Tân 1" },
    { code: "02647.02", name: "Chi hội tổ dân phố Cốc Lếu 2" },
  ],
  // Xã Bát Xát
  "02683": [
    { code: "02683.01", name: "Chi hội thôn Phìn Ngan" },
    { code: "02683.02", name: "Chi hội thôn Bản Vược" },
  ],
};

const unit = (code: string, name: string) => ({ code, name, id: seedUnitId(code) });

/** The units the demo accounts belong to. */
export const DEMO_UNITS = {
  province: unit(PROVINCE_CODE, PROVINCE_NAME),
  xa: unit("02905", "Xã Bảo Thắng"),
  chiHoi: unit("02905.01", "Chi hội thôn Làng Mới"),
  to: unit("02905.01.01", "Tổ phụ nữ số 1"),
  /** Another commune, for "outside my subtree" cases. */
  otherXa: unit("03006", "Phường Sa Pa"),
} as const;

export interface DemoAccount {
  /** What the development login takes: POST /api/auth/dev { name, zaloId }. */
  zaloId: string;
  /** members.zalo_app_user_id: the dev login prefixes "dev-". */
  zaloAppUserId: string;
  memberId: string;
  name: string;
  /** Her unit (confirmed member), if any. */
  unit: DemoUnitRef | null;
  role: { role: "admin" | "can_bo"; unit: DemoUnitRef } | null;
}

type DemoUnitRef = (typeof DEMO_UNITS)[keyof typeof DEMO_UNITS];

const account = (key: string, n: number, name: string, unit: DemoUnitRef | null, role: DemoAccount["role"]): DemoAccount => ({
  zaloId: `demo-${key}`,
  zaloAppUserId: `dev-demo-${key}`,
  memberId: `15000000-0000-4000-9000-${String(n).padStart(12, "0")}`,
  name,
  unit,
  role,
});

export const DEMO_ACCOUNTS = {
  admin: account("admin", 1, "Nguyễn Thị Hồng Nhung", null, { role: "admin", unit: DEMO_UNITS.province }),
  canBoXa: account("canbo-xa", 2, "Lò Thị Mai", DEMO_UNITS.xa, { role: "can_bo", unit: DEMO_UNITS.xa }),
  canBoChiHoi: account("canbo-chihoi", 3, "Hoàng Thị Lan", DEMO_UNITS.chiHoi, { role: "can_bo", unit: DEMO_UNITS.chiHoi }),
  hoiVien: account("hoivien", 4, "Vàng Thị Dung", DEMO_UNITS.chiHoi, null),
} as const satisfies Record<string, DemoAccount>;
