import type { Me, Unit } from "@hoiso/shared";

export const LEVEL_LABEL: Record<Unit["level"], string> = { tinh: "Tỉnh", xa: "Xã/phường", chi_hoi: "Chi hội", to: "Tổ phụ nữ" };

export const ROLE_NAME: Record<"can_bo" | "admin", string> = { can_bo: "Cán bộ", admin: "Quản trị" };

export const STATUS_LABEL: Record<Me["membershipStatus"], string> = { none: "Chưa chọn đơn vị", pending: "Chờ xác nhận", confirmed: "Hội viên" };

/** What each audit action means, as the union would say it. Unknown actions show their code. */
export const ACTION_LABEL: Record<string, string> = {
  "role.grant": "Cấp quyền",
  "role.revoke": "Gỡ quyền",
  "member.confirm": "Xác nhận hội viên",
  "unit.create": "Tạo đơn vị",
  "unit.rename": "Đổi tên đơn vị",
  "unit.deactivate": "Ngừng hoạt động đơn vị",
  "unit.merge": "Sáp nhập đơn vị",
  "unit.absorb": "Tiếp nhận đơn vị sáp nhập",
  "category.upsert": "Sửa lĩnh vực",
  "routing_rule.create": "Thêm quy tắc chuyển",
  "routing_rule.update": "Sửa quy tắc chuyển",
  "routing_rule.delete": "Xóa quy tắc chuyển",
  "feedback_settings.update": "Sửa cài đặt phản ánh",
  "submission.read": "Xem nội dung riêng tư",
};

/** Filters offered on Nhật ký: a family (ending in a dot) or one action. */
export const ACTION_FILTERS: Array<{ value: string; label: string }> = [
  { value: "", label: "Tất cả thao tác" },
  { value: "role.", label: "Cấp, gỡ quyền" },
  { value: "member.", label: "Xác nhận hội viên" },
  { value: "unit.", label: "Thay đổi đơn vị" },
  { value: "category.", label: "Lĩnh vực phản ánh" },
  { value: "routing_rule.", label: "Quy tắc chuyển" },
  { value: "feedback_settings.", label: "Cài đặt phản ánh" },
  { value: "submission.read", label: "Xem nội dung riêng tư" },
];

export const isAdmin = (me: Me) => me.roles.some((r) => r.role === "admin");
export const isProvinceAdmin = (me: Me) => me.roles.some((r) => r.role === "admin" && r.unitLevel === "tinh");

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });

/** 84912345678 → 0912 345 678, as people write it. */
export function shownPhone(phone: string | null): string {
  if (!phone) return "Chưa có số điện thoại";
  const local = phone.startsWith("84") ? `0${phone.slice(2)}` : phone;
  return local.replace(/^(\d{4})(\d{3})(\d+)$/, "$1 $2 $3");
}
