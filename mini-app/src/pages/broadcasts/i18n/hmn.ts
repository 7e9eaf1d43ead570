import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: drafted short phrases and link labels; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

// needs-review (draft): "Ntawv ceeb toom" as in notifications/hmn.ts
const hmn: Translation<typeof vi> = {
  title: "Ntawv ceeb toom ntawm Koom Haum",
  card: {
    title: "Ntawv ceeb toom ntawm Koom Haum",
    none: "Tseem tsis tau muaj ntawv ceeb toom.",
    unread: "{{n}} daim ntawv ceeb toom koj tseem tsis tau nyeem",
    all: "Saib tag nrho",
  },
  list: {
    none: "Koom Haum tseem tsis tau xa ntawv ceeb toom rau koj.",
    label: "Cov ntawv ceeb toom",
    more: "Saib ntxiv",
  },
  item: {
    urgent: "Ceev",
    new: "Tshiab",
    openArticle: "Nyeem tsab xov xwm",
    openGuide: "Saib kev qhia",
    openContest: "Saib kev xeem",
    openPetition: "Saib thiab kos npe rau daim ntawv thov",
    back: "Rov qab mus rau cov ntawv ceeb toom",
  },
};

export default hmn;
