import { useTranslation } from "react-i18next";
import { registerCatalogue } from "../../../../i18n/index.js";
import vi from "./vi.js";

declare module "i18next" {
  interface ResourceNamespaceMap {
    adminChatbot: typeof vi;
  }
}

registerCatalogue("adminChatbot", vi, { hmn: () => import("./hmn.js"), dao: () => import("./dao.js") });

export const useAdminChatbotT = () => useTranslation("adminChatbot").t;
