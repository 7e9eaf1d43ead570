import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and drafted sentences for the language
 * picker and her chi hội ("tos neeg ua hauj lwm lees paub" as on Trang chủ). Left in Vietnamese on purpose: what she
 * agrees to or gives here (sharing her phone number, the profile tags about her ethnicity, age and circumstances,
 * receiving messages on the union's Zalo page), "Chi hội" (the level's name) and the test account's logout.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Kuv",
  // needs-review (draft)
  name: "Npe",
  language: {
    title: "Hom lus",
    hint: "Koj xaiv hom lus koj nyeem yooj yim tshaj. Qhov twg tseem tsis tau txhais yuav tshwm ua lus Nyab Laj.",
    label: "Xaiv hom lus",
    saving: "Tab tom khaws…",
    saved: "Twb hloov mus ua {{language}} lawm.",
  },
  // needs-review (draft): label and listLabel stay "Chi hội", the level's name
  unit: {
    none: "Tsis tau xaiv",
    status: { none: "Tsis tau xaiv", pending: "Tos lees paub", confirmed: "Twb lees paub" },
    pendingText: "Tus neeg ua hauj lwm ntawm Koom Haum yuav lees paub rau koj sai sai no. Thaum tos, koj tseem siv tau txhua yam hauv Hội Số.",
    change: "Hloov chi hội",
    choose: "Xaiv chi hội",
    commune: "Xã/phường uas koj koom",
    later: "Tom qab",
    otherCommune: "Xaiv lwm xã/phường",
    which: "Koj koom chi hội twg?",
    saving: "Tab tom khaws…",
    unsure: "Koj tsis paub meej koj chi hội",
    unsureHint: "Sau npe rau {{commune}}, tus neeg ua hauj lwm hauv xã yuav xaiv chi hội pab koj",
    stillMember: "Koj tseem yog tswv cuab ntawm {{unit}}, tsis tas lees paub dua.",
    requested: "Twb xa kev sau npe rau {{unit}} lawm. Koj tos tus neeg ua hauj lwm lees paub nawb.",
  },
  // tags, phone and oa stay in Vietnamese (the fallback) until the union's translators have checked a H'Mông text:
  // she agrees there to give personal details, share her phone number or receive Zalo messages.
};

export default hmn;
