import { useTranslation } from "react-i18next";
import { registerCatalogue } from "../../../i18n/index.js";
import vi from "./vi.js";

declare module "i18next" {
  interface ResourceNamespaceMap {
    home: typeof vi;
  }
}

registerCatalogue("home", vi, { hmn: () => import("./hmn.js"), dao: () => import("./dao.js") });

export const useHomeT = () => useTranslation("home").t;
