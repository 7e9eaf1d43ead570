import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and drafted sentences; the cán bộ card and
 * the unit names on the membership card show in Vietnamese.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  greeting: {
    hello: "Nyob zoo {{name}}!",
    // needs-review (draft)
    sub: "Koom Haum Poj Niam xeev Lào Cai yeej nrog koj ua ke.",
  },
  // needs-review (draft)
  membership: {
    unitNeutral: "Qhov chaw koj koom",
    pendingTitle: "Tos neeg ua hauj lwm lees paub",
    pendingText: "Koj twb sau npe rau {{unit}} lawm. Tus neeg ua hauj lwm ntawm Koom Haum yuav lees paub rau koj sai sai no.",
    noneTitle: "Koj tseem tsis tau xaiv chi hội",
    noneText: "Xaiv xã/phường thiab chi hội uas koj koom kom tau txais xov ntawm Koom Haum ze koj.",
    choose: "Xaiv chi hội",
  },
  // Her consent to the use of her Zalo name stays in Vietnamese (the fallback) until the union's translators
  // have checked a H'Mông text: a consent she misreads is worse than one read out to her.
  shortcuts: {
    learn: { title: "Kawm", hint: "Nghị quyết, xov xwm, kev qhia" },
    feedback: { title: "Tswv yim", hint: "Xa tswv yim, kev thov mus rau Koom Haum" },
    quiz: { title: "Xeem", hint: "Kev xeem, lus nug" },
    profile: { title: "Kuv", hint: "Koj cov ntaub ntawv thiab koj chi hội" },
    // needs-review (draft): "Qhov tau daws" is the section's name in every hmn catalogue (public-record, feedback, track)
    record: { title: "Qhov tau daws", hint: "Tej yam Koom Haum twb daws lawm, qhia rau txhua tus paub" },
  },
};

export default hmn;
