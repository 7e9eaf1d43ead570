/**
 * The demo accounts of scripts/seed: the same Zalo ids and names (the dev login updates the name), so these are data,
 * not interface text; what each account is for comes from the login catalogue.
 */
export const DEMO_ACCOUNTS = [
  { zaloId: "demo-hoivien", name: "Vàng Thị Dung", who: "member" },
  { zaloId: "demo-canbo-chihoi", name: "Hoàng Thị Lan", who: "chiHoi" },
  { zaloId: "demo-canbo-xa", name: "Lò Thị Mai", who: "xa" },
  { zaloId: "demo-admin", name: "Nguyễn Thị Hồng Nhung", who: "admin" },
] as const;
