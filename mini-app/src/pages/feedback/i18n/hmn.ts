import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and drafted sentences for the send form.
 * Left in Vietnamese (the fallback): what records her consent (sharing her location, who sees her name, whether others
 * see her item, publishing the result, her signature), the note on khiếu nại and tố cáo (legal terms and laws), the
 * text sent for a voice-only item (the cán bộ reads it), and the kind names (common's `kind`, quoted as she sees them).
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Tswv yim",
  // needs-review (draft)
  tabs: { label: "Tswv yim", new: "Xa tshiab", mine: "Kuv li" },
  trackTitle: "Saib xyuas",
  // location.share stays in Vietnamese: she agrees to sharing where she is.
  kind: {
    legend: "Koj xav xa dab tsi?",
    label: "Hom",
    hint: {
      feedback: "Koj muaj teeb meem los yog pom tej yam tsis raug, xav kom Koom Haum paub thiab pab koj.",
      report: "Koj paub tias muaj neeg raug ntaus, raug tsim txom los yog raug ua tsis ncaj, yuav tsum qhia kom Koom Haum los pab daws.",
      petition: "Koj thov ib yam uas yog txhua tus li; lwm cov poj niam kos npe txhawb kom Koom Haum xa mus rau theem siab dua.",
    },
    // legalTitle, legalText stay in Vietnamese: khiếu nại / tố cáo are legal terms with their own laws.
  },
  category: {
    legend: "Qhov no nyob rau pawg twg?",
    loading: "Tab tom thauj cov pawg…",
    label: "Pawg",
    privateNote: "Cov lus hauv pawg no raug zais cia: tsuas yog tus neeg ua hauj lwm ntawm Koom Haum uas saib pawg no thiab Hội LHPN tỉnh thiaj pom tau.",
    petitionNoPrivate: "Pawg uas raug zais cia tsis tau thov kos npe txhawb; thov koj xaiv “Phản ánh” los yog “Tin báo”.",
  },
  content: {
    title: "Koj qhia seb muaj dab tsi tshwm sim",
    label: "Cov lus",
    placeholder: "Piv txwv: Txoj kev mus rau hauv zos av pob, cov me nyuam mus kawm ntawv txaus ntshai heev…",
    // voiceOnlyBody stays in Vietnamese: the cán bộ reads it.
  },
  voice: {
    label: "Kaw suab (tsis yuam) — koj hais tau, tsis tas sau",
    stop: "Nias kom nres",
    opening: "Tab tom qhib micro…",
    start: "Nias kom kaw suab",
    recording: "Tab tom kaw {{elapsed}} / {{max}}",
    howTo: "Nias lub pob, hais kom meej txog qhov koj ntsib, ces nias dua ib zaug kom nres.",
    listen: "Mloog suab kaw dua",
    stoppedAtLimit: "Hội Số nres nws tus kheej vim suab kaw twb ntev txaus lawm.",
    uploading: "Tab tom xa suab kaw…",
    saved: "Twb khaws suab kaw lawm.",
    waiting: "Tseem tsis muaj network: suab kaw khaws cia hauv koj lub xov tooj thiab yuav xa nrog thaum muaj network.",
    resend: "Xa suab kaw dua",
    again: "Kaw suab dua",
    cannotRecord: "Koj lub xov tooj tseem kaw suab tsis tau ntawm no. Koj sau luv luv los yog xa duab hloov suab kaw los tau.",
    // “Cho phép” and Cài đặt are Zalo's and the phone's own words, which she sees in Vietnamese.
    noMicrophone: "Hội Số tseem siv tsis tau micro. Koj nias “Cho phép” thaum Zalo nug, los yog qhib Cài đặt ntawm koj lub xov tooj kom tso cai rau micro ces sim dua.",
    empty: "Tseem kaw tsis tau suab. Koj sim dua thiab hais ze lub xov tooj dua nawb.",
  },
  photos: {
    label: "Duab (tsis yuam, ntau tshaj {{max}} daim)",
    tooMany: "Koj xa tau ntau tshaj {{max}} daim duab; Hội Số muab {{taken}} daim ua ntej.",
    tooLarge: "Daim duab no loj dua {{mb}} MB, thov koj xaiv lwm daim.",
    uploading: "Tab tom xa duab…",
    waiting: "Tos network",
    remove: "Tshem duab",
    removeN: "Tshem duab {{n}}",
    add: "Ntxiv duab",
    addMore: "Ntxiv duab dua",
    stripped: "Hội Số tshem qhov chaw thiab cov ntaub ntawv ntawm lub xov tooj uas thaij tawm ntawm daim duab ua ntej khaws cia.",
  },
  place: {
    title: "Qhov no nyob qhov twg?",
    where: "Qhov chaw tshwm sim",
    goesTo: "Koom Haum yuav xa mus rau",
    destIdle: "Koj xaiv pawg saum toj no, Hội Số yuav qhia tias qhov no xa mus rau qhov twg.",
    destLoading: "Tab tom saib seb lub chaw twg saib qhov no…",
    destError: "Koom Haum yuav xa mus rau tus neeg ua hauj lwm uas saib pawg no.",
    elsewhere: "Cov yam hauv pawg no yog {{unit}} saib thiab daws.",
    noUnit: "Koj tseem tsis tau xaiv chi hội hauv “Kuv”. Thov koj nrhiav xã/phường los yog chi hội uas muaj qhov no.",
    finder: "Xã/phường los yog chi hội",
    keep: "Siv {{unit}}",
    other: "Xaiv lwm qhov",
  },
  // privacy stays in Vietnamese: she chooses there whether the cán bộ see her name and phone, and whether other
  // women of the commune see her item.
  // Her consent to publishing the result stays in Vietnamese (the fallback) until the union's translators
  // have checked a H'Mông text: a consent she misreads is worse than one read out to her.
  similar: {
    title: "Tej zaum twb muaj lwm tus poj niam xa qhov no lawm",
    hint: "Yog yog qhov koj xav xa, koj kos npe txhawb los yog saib xyuas ua ke; yog txawv, koj xa mus ntxiv.",
    signatures: "{{count}} tus kos npe",
    // sign, signed, signedToast stay in Vietnamese: her signature in support is something she agrees to.
    follow: "Saib xyuas",
  },
  errors: {
    kind: "Thov koj xaiv: “Phản ánh”, “Tin báo” los yog “Kiến nghị”.",
    category: "Thov koj xaiv ib pawg uas ze tshaj rau qhov no.",
    body: "Koj sau ob peb kab los yog kaw suab kom Koom Haum paub tias muaj dab tsi tshwm sim.",
    unit: "Thov koj xaiv xã/phường los yog chi hội uas muaj qhov no.",
    uploading: "Duab los yog suab kaw tab tom xa mus, koj tos ib pliag ces nias “Xa”.",
    photo: "Muaj duab tseem xa tsis tau. Koj nias “Tshem duab” ntawm daim ntawd ces sim ntxiv dua.",
    voice: "Suab kaw tseem xa tsis tau. Koj nias “Xa suab kaw dua” los yog “Kaw suab dua”.",
  },
  send: "Xa",
  sent: {
    title: "Koom Haum twb txais lawm, ua tsaug koj!",
    codeIs: "Koj tus lej saib xyuas yog",
    keepCode: "Koj sau tus lej no cia. Koom Haum yuav xa mus rau tus neeg ua hauj lwm thiab qhia koj txhua kauj ruam hauv “Kuv li”.",
    // petitionShown stays in Vietnamese: it tells her who will see her petition.
    follow: "Saib xyuas {{kind}}",
    again: "Xa lwm yam",
  },
  // needs-review (draft): round two, an item written offline waiting to be sent
  outbox: {
    offlineTitle: "Koj tsis muaj network",
    offlineText: "Koj sau thiab nias “Xa”: Hội Số khaws cov lus, duab thiab suab kaw hauv lub xov tooj no thiab xa nws tus kheej thaum muaj network dua.",
    notKept: "Qhov no tsis khaws cia hauv lub xov tooj; thov koj xa thaum muaj network.",
    notKeptWhy: "Qhov zais cia los yog xa tsis qhia npe tsis khaws cia hauv xov tooj, vim lwm tus yuav qhib tau lub xov tooj no.",
    chip: "Tos xa",
    title: "Tos xa",
    text: "Tsis muaj network ces koj {{kind}} tseem tsis tau mus txog Koom Haum. Cov lus twb khaws cia hauv lub xov tooj no thiab yuav xa nws tus kheej thaum muaj network dua, koj tsis tas nias xa dua.",
    whenSent: "Thaum xa tiav, tus lej saib xyuas yuav tshwm ntawm no thiab hauv “Kuv li”.",
    media: "Duab thiab suab kaw xa nrog.",
    mediaKept: "{{count}} duab/suab kaw tab tom khaws cia hauv xov tooj, yuav xa nrog thaum muaj network.",
    mediaTooBig: "Duab thiab suab kaw hnyav dhau, khaws tsis tau hauv xov tooj. Koj tshem qee daim duab, los yog xa thaum muaj network.",
    noLocation: "Thaum xa tom qab, yuav tsis xa qhov chaw koj nyob nrog; thov koj sau qhov chaw kom meej rau hauv cov lus.",
    tries: "Twb sim xa {{count}} zaus lawm, Hội Số yuav sim dua nws tus kheej.",
    sendNow: "Xa tam sim no",
    again: "Sau lwm yam",
    failedTitle: "Tseem xa tsis tau",
    failedText: "Hội Số tseem xa tsis tau qhov no: {{error}} Koj kho dua ces xa.",
    fix: "Kho dua",
    discard: "Pov tseg qhov no",
    listTitle: "Tseem tsis tau xa",
    listNote: "Cov no tseem nyob hauv xov tooj, yuav xa nws tus kheej thaum muaj network.",
    writtenOn: "Sau hnub {{day}} · {{unit}}",
  },
};

export default hmn;
