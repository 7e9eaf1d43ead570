import { useTranslation } from "react-i18next";
import { registerCatalogue } from "../../../i18n/index.js";
import vi from "./vi.js";

declare module "i18next" {
  interface ResourceNamespaceMap {
    profile: typeof vi;
  }
}

registerCatalogue("profile", vi, { hmn: () => import("./hmn.js"), dao: () => import("./dao.js") });

export const useProfileT = () => useTranslation("profile").t;
