import type { Me } from "@hoiso/shared";
import { i18next, t } from "../../i18n/index.js";
import "./i18n/index.js";

/** Nhật ký's filters: an action family (ending in a dot) or one action, each with its catalogue key. */
export const ACTION_FILTERS = [
  { value: "", key: "all" },
  { value: "role.", key: "role" },
  { value: "member.", key: "member" },
  { value: "unit.", key: "unit" },
  { value: "category.", key: "category" },
  { value: "routing_rule.", key: "routing_rule" },
  { value: "feedback_settings.", key: "feedback_settings" },
  { value: "submission.read", key: "submission_read" },
] as const;

/** An audit action in words; an action this build does not know yet shows its code. */
export function actionLabel(action: string): string {
  const key = `audit.actions.${action.replace(/\./g, "_")}`;
  return i18next.exists(key, { ns: "admin" }) ? i18next.t(key, { ns: "admin", defaultValue: action }) : action;
}

export const isAdmin = (me: Me) => me.roles.some((r) => r.role === "admin");
export const isProvinceAdmin = (me: Me) => me.roles.some((r) => r.role === "admin" && r.unitLevel === "tinh");

/** 84912345678 → 0912 345 678, as people write it. */
export function shownPhone(phone: string | null): string {
  if (!phone) return t("admin:noPhone");
  const local = phone.startsWith("84") ? `0${phone.slice(2)}` : phone;
  return local.replace(/^(\d{4})(\d{3})(\d+)$/, "$1 $2 $3");
}
