import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: drafted words and sentences; the section's name is
 * "Qhov tau daws" as on Trang chủ and in her consent (feedback, track). The search examples stay in Vietnamese.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

// needs-review (draft)
const hmn: Translation<typeof vi> = {
  title: "Qhov tau daws",
  detailTitle: "Qhov tau daws",
  intro: "Cov tswv yim uas Koom Haum twb daws lawm, thiab tus xa pom zoo qhia rau txhua tus. Tus xa lub npe yeej zais cia.",
  tabs: { label: "Saib raws li", items: "Qhov tau daws", figures: "Tus lej" },
  commune: { all: "Txhua xã/phường" },
  search: { label: "Nrhiav", hint: "Ntaus muaj cim los yog tsis muaj cim los tau." },
  list: {
    label: "Qhov twb qhia rau txhua tus",
    loading: "Tos ib pliag…",
    empty: "Ntawm no tseem tsis tau muaj qhov twg qhia rau txhua tus.",
    noMatch: "Nrhiav tsis tau dab tsi nrog “{{q}}”.",
    more: "Saib ntxiv",
    count: "{{count}} qhov",
  },
  item: {
    loading: "Tos ib pliag…",
    unit: "Chaw teb",
    commune: "Thaj chaw",
    category: "Pawg",
    question: "Tswv yim",
    answer: "Koom Haum teb",
    received: "Hnub txais",
    due: "Hnub kawg yuav daws",
    resolved: "Hnub daws tau",
    onTime: "Raws sij hawm",
    late: "Dhau sij hawm",
    photos: "Duab qhia qhov tau daws",
    photo: "Duab qhia qhov tau daws {{n}}",
    photoLoading: "Tab tom thauj duab…",
    photoFailed: "Tseem thauj tsis tau duab",
    rating: "Tus xa ntsuas",
    notRated: "Tseem tsis tau ntsuas",
  },
  // round two, the rating words as on her own item
  rating: { hai_long: "Txaus siab", binh_thuong: "Ib txwm", chua_hai_long: "Tsis txaus siab" },
  figures: {
    label: "Tus lej raws chaw",
    loading: "Tab tom thauj tus lej…",
    empty: "Tseem tsis tau muaj tus lej.",
    note: "Tsis suav cov pawg uas yuav tsum zais cia. Tus lej tsawg dua 5 sau ua “tsawg dua 5” kom tsis muaj leej twg raug paub.",
    received: "Twb txais",
    handled: "Twb daws",
    onTime: "Raws sij hawm",
    rated: "Tau ntsuas",
    satisfied: "Txaus siab",
    below: "tsawg dua 5",
  },
};

export default hmn;
