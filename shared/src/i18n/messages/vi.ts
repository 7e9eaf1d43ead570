import { SUBMISSION_KIND_LABEL } from "../../domain/kinds.js";

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Every sentence the server writes for a member — notifications and timeline entries — as data: a message type is a
 * dotted key here, its parameters fill the {{placeholders}} (i18next syntax). Vietnamese is complete; hmn.ts and
 * dao.ts translate what the union has reviewed, and anything missing falls back to these.
 *
 * Parameters the formatter adds on its own (server/src/i18n): `kind` ("feedback" | "report" | "petition") gives
 * {{kindName}} ("Phản ánh") and {{kindNameLower}} ("phản ánh") in the reader's language. A date parameter (ISO string) is printed
 * in Lào Cai time by the shared date formatter (shared/src/domain/dates.ts): {{dueAt, clock}} "14:30" and
 * {{dueAt, day}} "29/11/2026"; the words around them belong to each language. User-written text ({{text}}) is
 * never translated or re-interpreted.
 *
 * A cán bộ's sentences (feedback.staff.*) are built from codes, category and unit names only: no author name, phone
 * or Zalo id can slip into them, anonymous or not.
 */
export const vi = {
  kind: { ...SUBMISSION_KIND_LABEL },
  kindLower: {
    feedback: lowerFirst(SUBMISSION_KIND_LABEL.feedback),
    report: lowerFirst(SUBMISSION_KIND_LABEL.report),
    petition: lowerFirst(SUBMISSION_KIND_LABEL.petition),
  },
  /** Rows written before messages had types: the stored Vietnamese sentence. */
  legacy: { text: "{{text}}" },
  feedback: {
    /** What the author of an item is told (in-app, OA message, template). */
    author: {
      forwarded: "{{kindName}} {{code}} của chị đã được chuyển đến {{unit}}.",
      acknowledged: "{{unit}} đã tiếp nhận {{kindNameLower}} {{code}} của chị và đang xử lý.",
      replied: "{{unit}} trả lời {{kindNameLower}} {{code}}: {{text}}",
      forwardedExternal: "{{kindName}} {{code}} của chị đã được Hội chuyển đến {{agency}}; Hội sẽ tiếp tục theo dõi và báo lại chị.",
      rerouted: "{{kindName}} {{code}} của chị thuộc trách nhiệm của {{unit}} và đã được chuyển đến đó.",
      escalated: "{{kindName}} {{code}} của chị đã được chuyển thêm lên {{unit}} để đôn đốc giải quyết.",
      resolved: "{{unit}} thông báo {{kindNameLower}} {{code}} đã được giải quyết: {{text}}",
      followUpQuestion: "Vấn đề của chị đã được giải quyết chưa? ({{kindName}} {{code}}) Chị vui lòng trả lời để Hội biết.",
      /** Entered on her behalf by a cán bộ (issue 13): she gave a phone and agreed to be told on Zalo. */
      legalRoute: "{{unit}} cho biết {{kindNameLower}} {{code}} của chị cần được giải quyết theo thủ tục {{routeName}}. Chị mở Hội Số để xem nơi nộp và cách làm.",
      onBehalfReceived: "{{unit}} đã ghi nhận {{kindNameLower}} chị gửi qua cán bộ Hội. Mã theo dõi: {{code}}.",
      closed: "Cảm ơn chị đã xác nhận {{kindNameLower}} {{code}} đã được giải quyết.",
      reopened: "Hội đã ghi nhận vấn đề chưa được giải quyết; {{kindNameLower}} {{code}} được mở lại tại {{unit}}.",
      petitionLifted: "{{kindName}} {{code}} đã đủ {{count}} chữ ký và được chuyển lên {{unit}}.",
      petitionReached: "{{kindName}} {{code}} đã kết thúc thời gian lấy chữ ký với {{count}} chữ ký, đạt số lượng cần thiết.",
      petitionNotReached: "{{kindName}} {{code}} đã kết thúc thời gian lấy chữ ký với {{count}} chữ ký, chưa đạt số lượng cần thiết.",
    },
    /** What the cán bộ of a unit are told about work for their unit. */
    staff: {
      newAssignment: "Có {{kindNameLower}} {{code}} mới (lĩnh vực: {{category}}) cần {{unit}} xử lý trước {{dueAt, clock}} ngày {{dueAt, day}}.",
      // a private category's name alone says too much on a phone's lock screen
      newAssignmentPrivate: "Có {{kindNameLower}} {{code}} mới (lĩnh vực: nội dung bảo mật) cần {{unit}} xử lý trước {{dueAt, clock}} ngày {{dueAt, day}}.",
      escalated: "{{kindName}} {{code}} đã quá hạn tại {{fromUnit}}, nay chuyển lên {{unit}} cùng xử lý (hạn mới {{dueAt, clock}} ngày {{dueAt, day}}).",
      forwarded: "{{kindName}} {{code}} được {{fromUnit}} chuyển đến {{unit}} để phối hợp xử lý.",
      rerouted: "{{fromUnit}} chuyển {{kindNameLower}} {{code}} đến {{unit}} vì thuộc trách nhiệm của đơn vị.",
      reopened: "Người gửi cho biết {{kindNameLower}} {{code}} chưa được giải quyết; đề nghị {{unit}} xử lý lại.",
      petitionLifted: "{{kindName}} {{code}} đã đủ {{count}} chữ ký, chuyển lên {{unit}} xem xét.",
    },
    /** Timeline entries as the author (and, for public entries, any reader) sees them. */
    event: {
      received: "Hội đã nhận nội dung chị gửi.",
      routed: "Đã chuyển đến {{unit}}.",
      acknowledged: "{{unit}} đã tiếp nhận và đang xử lý.",
      replied: "{{text}}",
      forwardedExternal: "{{fromUnit}} đã chuyển đến {{agency}}.",
      forwarded: "{{fromUnit}} đã chuyển đến {{unit}} để phối hợp xử lý.",
      rerouted: "Thuộc trách nhiệm của {{unit}}; {{fromUnit}} đã chuyển đến đó.",
      handedBack: "{{fromUnit}} chuyển lại cho {{unit}}.",
      resolved: "{{text}}",
      followUpAsked: "Vấn đề của chị đã được giải quyết chưa?",
      closed: "Người gửi xác nhận vấn đề đã được giải quyết.",
      reopened: "Người gửi cho biết vấn đề chưa được giải quyết; mở lại tại {{unit}}.",
      escalated: "Quá thời hạn xử lý tại {{fromUnit}}; đã chuyển thêm lên {{unit}}.",
      overdue: "Quá hạn xử lý.",
      petitionLifted: "Đã đủ {{count}} chữ ký; kiến nghị được chuyển lên {{unit}}.",
      petitionReached: "Kết thúc lấy chữ ký: {{count}} chữ ký, đạt yêu cầu.",
      petitionNotReached: "Kết thúc lấy chữ ký: {{count}} chữ ký, chưa đạt yêu cầu.",
      unitMerged: "{{fromUnit}} sáp nhập vào {{unit}}; việc đang mở chuyển sang {{unit}}.",
      legalKhieuNai: "Nội dung này là khiếu nại, được giải quyết theo Luật Khiếu nại 2011, không thuộc thẩm quyền của Hội. {{note}}",
      legalToCao: "Nội dung này là tố cáo, được giải quyết theo Luật Tố cáo 2018, không thuộc thẩm quyền của Hội. {{note}}",
    },
    /**
     * The same timeline entries as a cán bộ reads them, where the author's wording ("chị") does not fit: who did
     * what to the item, in the third person. Entries missing here read as in `event`. The reader adds {{kind}} and
     * {{origin}} (the item's origin unit).
     */
    staffEvent: {
      received: "Người gửi gửi {{kindNameLower}} từ {{origin}}.",
      // the route job's own assignment: the routing rules chose the unit
      routed: "Hội Số tự chuyển đến {{unit}} theo lĩnh vực và quy tắc phân công.",
      replied: "Trả lời người gửi: {{text}}",
      resolved: "Báo kết quả giải quyết cho người gửi: {{text}}",
      followUpAsked: "Hội Số đã hỏi người gửi vấn đề đã được giải quyết chưa.",
    },
  },
  /** Tìm hiểu: a new article for her unit ({{title}} as its author wrote it, {{unit}} the publishing unit). */
  content: {
    published: "{{unit}} vừa đăng bài mới trong mục Tìm hiểu: {{title}}. Mời chị đọc.",
  },
  /** What every channel says for a discreet notification (server/src/modules/notify/text.ts): nothing about the item. */
  notify: {
    neutral: "Chị có thông báo mới từ Hội.",
  },
  /**
   * An toàn (urgent reports). The cán bộ's alert names no category, person or place: only that an urgent item waits,
   * its code and by when to acknowledge it, since her phone's lock screen may be seen too.
   */
  safety: {
    staff: {
      urgent: "KHẨN: {{unit}} có tin báo cần giúp đỡ ngay (mã {{code}}). Chị mở Hộp việc và xác nhận trước {{ackBy, clock}}.",
      escalated: "KHẨN: tin báo {{code}} chưa được {{fromUnit}} xác nhận, nay chuyển lên {{unit}}. Chị mở Hộp việc và xác nhận trước {{ackBy, clock}}.",
    },
    event: {
      alerted: "Đã báo ngay cho cán bộ trực của {{unit}} ({{count}} người).",
      escalated: "{{fromUnit}} chưa xác nhận sau {{minutes}} phút; đã báo lên {{unit}}.",
      noAck: "Chưa ai ở {{unit}} xác nhận tin báo khẩn.",
    },
  },
  /** Thông báo: a cán bộ's announcement ({{title}} as she wrote it, {{unit}} the sending unit, {{url}} opens it in Hội Số). */
  broadcasts: {
    feed: "{{unit}} gửi thông báo: {{title}}",
    message: "{{unit}} gửi thông báo: {{title}}. Chị mở Hội Số để đọc toàn văn: {{url}}",
  },
  /** Góp ý dự thảo: the outcome reached everyone who took part ({{title}} of the draft, {{sentTo}} as the cán bộ wrote it). */
  /** Thi: a winner is told to confirm who she is ({{label}} "Giải Nhất"…, {{round}} "Đợt 1", {{title}} of the contest). */
  contests: {
    winner: "Chúc mừng chị đoạt {{label}} {{round}} cuộc thi \"{{title}}\". Chị mở Hội Số, vào mục Thi để xác nhận thông tin nhận giải.",
  },
  consultations: {
    outcome: "Ý kiến của chị về dự thảo \"{{title}}\" đã được tổng hợp gửi {{sentTo}}. Chị mở Hội Số để xem kết quả.",
  },
};

/** A catalogue in another language: any subset of the Vietnamese keys. */
export type PartialCatalogue<T = typeof vi> = { [K in keyof T]?: T[K] extends string ? string : PartialCatalogue<T[K]> };

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message type the catalogues define ("feedback.author.forwarded", …). */
export type MessageType = Leaves<typeof vi>;
