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
  // needs-review (draft, consent): she agrees here to the use of her Zalo name and picture; check before relying on it
  nameConsent: {
    title: "Puas cia Hội Số paub koj lub npe?",
    text: "Hội Số thov siv koj lub npe thiab koj daim duab Zalo kom cov neeg ua hauj lwm ntawm Koom Haum paub tias leej twg xa tswv yim thiab hu koj kom raug. Koom Haum tsis siv rau lwm yam. Yog koj tsis pom zoo, koj tseem siv tau Hội Số li qub.",
    agree: "Pom zoo",
    later: "Tom qab",
    named: "Ua tsaug, Hội Số twb muaj koj lub npe lawm.",
    refused: "Koj tsis tau tso cai los tsis ua li cas, Hội Số tseem siv tau li qub.",
  },
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
