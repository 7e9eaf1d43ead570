import { useTranslation } from "react-i18next";
import { registerCatalogue } from "../index.js";
import vi from "./vi.js";

declare module "i18next" {
  interface ResourceNamespaceMap {
    common: typeof vi;
  }
}

registerCatalogue("common", vi, { hmn: () => import("./hmn.js"), dao: () => import("./dao.js") });

/** The shell's and shared parts' strings, in the current language. */
export const useCommonT = () => useTranslation("common").t;
