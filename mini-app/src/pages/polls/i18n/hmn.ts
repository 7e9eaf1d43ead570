import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: nothing yet; every string shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {};

export default hmn;
