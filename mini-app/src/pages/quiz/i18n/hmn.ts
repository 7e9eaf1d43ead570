import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and drafted sentences for the lists, the
 * ranking rules (ties included), the attempt, her result, the boards and practice. Left in Vietnamese: the winner's
 * confirmation (her legal name, ID card number, phone and address, which she agrees to give), and minutes/seconds.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Xeem",
  // needs-review (draft)
  tabsLabel: "Kawm xyaum los yog kev xeem",
  tabs: { contests: "Kev xeem", practice: "Kawm xyaum" },
  empty: {
    contests: "Tam sim no koj lub chaw tseem tsis tau muaj kev xeem. Thaum muaj kev xeem tshiab, Koom Haum yuav qhia koj kom koj tuaj koom.",
    practice: "Tseem tsis tau muaj cov lus nug kawm xyaum.",
  },
  by: "Lub chaw npaj: {{unit}}",
  phase: { upcoming: "Yuav qhib", open: "Tab tom qhib", closed: "Twb xaus lawm" },
  rule: {
    label: "Txoj kev muab qib",
    correct_time_prediction: "Teb yog ntau dua → siv sij hawm tsawg dua → twv ze dua → xa ntxov dua",
    correct_prediction_time: "Teb yog ntau dua → twv ze dua → siv sij hawm tsawg dua → xa ntxov dua",
    // needs-review (draft): equal on every criterion = the same rank and that rank's prize
    tie: "Cov neeg uas sib npaug zos txhua yam raug muab tso rau tib qib thiab sib luag tau khoom plig ntawm qib ntawd.",
  },
  contest: {
    rules: "Txoj cai",
    // needs-review (draft): a round (đợt) and an attempt (lượt) are both "zaus", as in noMore
    prizes: "Khoom plig txhua zaus xeem",
    prize: "{{label}}: {{count}} qhov khoom plig",
    rounds: "Cov zaus xeem",
    roundTimes: "Txij {{from}} txog {{to}}",
    roundFacts: "{{n}} lo lus nug · {{minutes}} feeb · ntau tshaj {{attempts}} zaus",
    used: "Koj twb xeem {{used}}/{{max}} zaus",
    best: "Qhov zoo tshaj: teb yog {{correct}}/{{total}} lo lus nug hauv {{time}}",
    start: "Pib ua kev xeem",
    resume: "Ua ntxiv qhov tab tom ua",
    result: "Saib qhov tau thiab qib",
    noMore: "Koj twb siv tag cov zaus xeem ntawm zaus no lawm.",
    starting: "Tab tom thauj cov lus nug…",
  },
  // needs-review (draft)
  attempt: {
    title: "Ua kev xeem",
    left: "Tshuav {{time}}",
    timeUp: "Txog sij hawm lawm, tab tom xa koj daim ntawv xeem…",
    question: "Lo lus nug {{n}}/{{total}}",
    imageAlt: "Duab rau lo lus nug {{n}}",
    pickOne: "Xaiv ib lo lus teb",
    pickMany: "Xaiv txhua lo lus teb uas yog",
    prediction: "Lo lus nug twv",
    predictionHint: "Ntaus ib tus lej",
    answered: "Twb teb {{n}}/{{total}} lo lus nug",
    submit: "Xa ntawv xeem",
    sending: "Tab tom xa…",
    confirmMissing: "Koj tseem tshuav {{n}} lo lus nug tsis tau teb. Koj puas xav xa?",
    done: "Koj twb xa lawm",
    score: "Koj teb yog {{correct}}/{{total}} lo lus nug hauv {{time}}",
    rank: "Qib tam sim no: {{rank}}/{{of}}",
    notBest: "Zaus no tsis zoo dua zaus dhau los, koj qhov zoo tshaj tseem khaws cia.",
    seeResult: "Saib qhov tau thiab qib",
    back: "Rov qab mus rau kev xeem",
    expired: "Kev xeem no twb xaus lawm.",
  },
  result: {
    title: "Koj qhov xeem tau",
    none: "Koj tseem tsis tau muaj kev xeem twg suav rau zaus no.",
    best: "Yog {{correct}}/{{total}} lo lus nug · {{time}}",
    prediction: "Koj twv: {{value}}",
    actual: "Tus lej tiag: {{value}}",
    rankAll: "Tag nrho kev xeem",
    rankXa: "Hauv xã/phường",
    rankChiHoi: "Hauv chi hội",
    rankOf: "Qib {{rank}}/{{of}}",
    attempts: "Cov zaus koj xeem",
    attemptRow: "Zaus {{n}}: {{status}}",
    status: { open: "tab tom ua", submitted: "yog {{correct}}/{{total}} lo lus nug · {{time}}", expired: "txog sij hawm, tsis suav" },
    review: "Saib dua daim ntawv xeem",
    reviewLater: "Thaum zaus xeem no xaus, koj yuav pom tau lo lus nug twg tsis yog thiab cov lus piav qhia.",
    right: "Yog",
    wrong: "Tsis yog",
    yourAnswer: "Koj xaiv: {{value}}",
    noAnswer: "Koj tsis tau teb",
    rightAnswer: "Lus teb yog: {{value}}",
    explanation: "Piav qhia: {{text}}",
  },
  board: {
    title: "Daim ntawv qib",
    scopes: { all: "Tag nrho", xa: "Koj xã/phường", chi_hoi: "Koj chi hội", units: "Pab pawg" },
    empty: "Tseem tsis tau muaj leej twg hauv daim ntawv no.",
    row: "{{correct}} lo lus nug · {{time}}",
    you: "Koj",
    yourRow: "Koj qib",
    total: "{{n}} tus neeg koom",
    unitRow: "{{participants}}/{{members}} tus tswv cuab koom ({{rate}}) · {{entries}} zaus xeem",
    unitNote: "Muab qib raws li feem pua tswv cuab tuaj koom, ces raws li tus neeg koom.",
  },
  // The winner's confirmation (youWon, her name as on the ID card, ID number, phone, address) stays in Vietnamese:
  // she agrees there to give the organisers her personal details, which must be written as on her papers.
  winners: {
    title: "Cov neeg tau khoom plig",
    none: "Cov neeg npaj tseem tsis tau qhia leej twg tau khoom plig.",
    row: "{{label}} · {{name}} · {{unit}}",
    confirmed: "Twb lees paub",
  },
  practice: {
    title: "Kawm xyaum",
    lead: "{{n}} lo lus nug ib zaug, ua pes tsawg zaus los tau.",
    check: "Saib puas yog",
    next: "Lo lus nug tom ntej",
    again: "Kawm xyaum dua",
    finish: "Tiav lawm! Koj teb yog {{right}}/{{total}} lo lus nug.",
    right: "Yog lawm!",
    wrong: "Tsis yog.",
    pickFirst: "Koj xaiv ib lo lus teb ua ntej.",
  },
  // time stays in Vietnamese: no settled word for "giây" (seconds) yet.
};

export default hmn;
