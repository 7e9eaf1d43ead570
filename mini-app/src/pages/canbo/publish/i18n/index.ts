import { useTranslation } from "react-i18next";
import { registerCatalogue } from "../../../../i18n/index.js";
import vi from "./vi.js";

declare module "i18next" {
  interface ResourceNamespaceMap {
    canboPublish: typeof vi;
  }
}

registerCatalogue("canboPublish", vi, { hmn: () => import("./hmn.js"), dao: () => import("./dao.js") });

export const usePublishT = () => useTranslation("canboPublish").t;
