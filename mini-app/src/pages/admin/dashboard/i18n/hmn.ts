import type { ReviewStatus, Translation } from "../../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW: nothing translated yet on this screen; every string falls back to vi. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {};

export default hmn;
