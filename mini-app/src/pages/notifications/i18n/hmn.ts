import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: a few short phrases; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Ntawv ceeb toom",
  card: { title: "Ntawv ceeb toom" },
  empty: { title: "Koj tseem tsis tau muaj ntawv ceeb toom." },
};

export default hmn;
