import type { Transaction } from "kysely";
import type { DB } from "../../server/src/db/types.js";
import { excerptOf, renderMarkdown, searchTextOf } from "../../server/src/modules/content/render.js";
import { DEMO_UNITS } from "./demo.js";

/**
 * Sample Tìm hiểu content for the demo seed only (`seed --demo`, `npm start`), never a production database: every item
 * is marked `sample` and says so in its text. Guides are written from public rules and name their source and the day
 * they were written; the union must check them against the source before real use (rules change often). Fixed ids,
 * so reseeding adds nothing twice.
 */
const WRITTEN_ON = "2026-12-01";
const SAMPLE_NOTE = "\n\n> *Nội dung mẫu của bản demo Hội Số, cán bộ Hội cần đối chiếu và thay bằng nội dung chính thức trước khi sử dụng.*";

interface SampleArticle {
  id: string;
  kind: string;
  title: string;
  body: string;
  questions: Array<{ prompt: string; choices: string[]; answer: number }>;
}

const ARTICLES: SampleArticle[] = [
  {
    id: "15c0a000-0000-4000-8000-000000000001",
    kind: "nghi_quyet",
    title: "Nghị quyết 29-NQ/TU và chương trình hành động của Hội: những điều chị cần biết",
    body: `Hội LHPN tỉnh xây dựng chương trình hành động để đưa Nghị quyết 29-NQ/TU vào cuộc sống của hội viên, phụ nữ trong tỉnh.

## Chương trình hướng tới điều gì?

- **Đổi mới tuyên truyền** để thông tin đến được với mọi nhóm phụ nữ, nhất là chị em dân tộc thiểu số ở các xã vùng sâu, vùng xa: bằng tiếng Việt, tiếng H'Mông, tiếng Dao, bằng bài đọc có âm thanh trên điện thoại.
- **Giúp chị em dùng dịch vụ công trực tuyến**: khai sinh cho con, gia hạn thẻ bảo hiểm y tế, kích hoạt tài khoản định danh điện tử VNeID mức 2.
- **Học tập nghị quyết**: mục tiêu 100% cán bộ Hội và 90% hội viên được học tập, quán triệt các nghị quyết.

## Chị có thể làm gì?

1. Đọc hết bài này hoặc nghe bài đọc.
2. Trả lời 3 câu hỏi ngắn bên dưới để được ghi nhận **đã học**.
3. Hỏi cán bộ chi hội nếu có điều chưa rõ.

Toàn văn nghị quyết do cấp ủy ban hành; chi hội sẽ phổ biến trong buổi sinh hoạt gần nhất.${SAMPLE_NOTE}`,
    questions: [
      { prompt: "Chương trình muốn thông tin đến được với ai trước hết?", choices: ["Chỉ cán bộ Hội", "Mọi nhóm phụ nữ, nhất là chị em dân tộc thiểu số vùng sâu, vùng xa", "Chỉ phụ nữ ở thành phố"], answer: 1 },
      { prompt: "Mục tiêu học tập nghị quyết đối với hội viên là bao nhiêu?", choices: ["50%", "70%", "90%"], answer: 2 },
      { prompt: "Dịch vụ công nào được nhắc đến trong bài?", choices: ["Khai sinh trực tuyến cho con", "Đăng ký kinh doanh chứng khoán", "Xin giấy phép xây dựng"], answer: 0 },
    ],
  },
  {
    id: "15c0a000-0000-4000-8000-000000000002",
    kind: "dan_van_kheo",
    title: "Mô hình \"Dân vận khéo\": Tổ tiết kiệm gắn với buổi sinh hoạt chi hội",
    body: `*Bài mẫu minh họa: đơn vị, nhân vật và số liệu là giả định.*

Ở Chi hội thôn Làng Mới, mỗi buổi sinh hoạt chi hội hằng tháng dành mười lăm phút cho tổ tiết kiệm và vay vốn: chị em góp tiết kiệm, nghe cán bộ Hội nói về một chính sách mới, rồi cùng xem hồ sơ vay vốn của hộ nào cần giúp.

## Vì sao gọi là "khéo"?

- Cán bộ chi hội **đến từng nhà** chị em vắng buổi họp, nói bằng tiếng mẹ đẻ của chị.
- Việc khó nói (nợ quá hạn, bạo lực gia đình) được trao đổi **riêng**, không nêu tên trước tập thể.
- Mỗi tháng một việc nhỏ làm được ngay: mở tài khoản VNeID, gia hạn thẻ bảo hiểm y tế cho cả nhà.

## Chị em có thể học gì?

Việc tốt bắt đầu từ buổi sinh hoạt đều đặn, lời mời chân thành và một việc cụ thể mỗi tháng.${SAMPLE_NOTE}`,
    questions: [],
  },
];

interface SampleGuide {
  id: string;
  title: string;
  summary: string;
  steps: Array<{ title: string; detail?: string }>;
  papers: string[];
  where: string;
  when: string;
  fees: string;
  whoToAsk: string;
  faq: Array<{ question: string; answer: string }>;
  portalUrl: string | null;
  sourceName: string;
  sourceUrl: string | null;
}

const GUIDES: SampleGuide[] = [
  {
    id: "15c0b000-0000-4000-8000-000000000001",
    title: "Đăng ký khai sinh cho con trên mạng",
    summary: "Khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi làm cùng một lần (liên thông). Nội dung mẫu, cần đối chiếu nguồn.",
    steps: [
      { title: "Đăng nhập Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID", detail: "Dùng tài khoản định danh điện tử mức 2 của cha hoặc mẹ." },
      { title: "Chọn nhóm thủ tục liên thông khai sinh – thường trú – thẻ BHYT cho trẻ dưới 6 tuổi" },
      { title: "Khai thông tin của cháu và tải ảnh giấy chứng sinh" },
      { title: "Theo dõi kết quả và nhận giấy khai sinh", detail: "Nhận bản điện tử hoặc bản giấy tại Ủy ban nhân dân xã theo lựa chọn khi nộp." },
    ],
    papers: ["Giấy chứng sinh của bệnh viện, trạm y tế", "Căn cước của cha, mẹ", "Giấy chứng nhận kết hôn (nếu có)"],
    where: "Trực tuyến trên Cổng Dịch vụ công quốc gia hoặc VNeID; hoặc tại bộ phận một cửa Ủy ban nhân dân xã nơi cha hoặc mẹ cư trú.",
    when: "Trong 60 ngày kể từ ngày sinh của cháu.",
    fees: "Đăng ký khai sinh đúng hạn được miễn lệ phí.",
    whoToAsk: "Công chức tư pháp – hộ tịch của xã; cán bộ chi hội phụ nữ giúp chị thao tác trên điện thoại.",
    faq: [
      { question: "Chưa có tài khoản VNeID mức 2 thì làm sao?", answer: "Chị đến Công an xã để đăng ký tài khoản mức 2 (xem hướng dẫn kích hoạt VNeID mức 2), hoặc nộp hồ sơ giấy tại Ủy ban nhân dân xã." },
      { question: "Quá 60 ngày mới đăng ký có được không?", answer: "Vẫn đăng ký được; chị hỏi công chức tư pháp – hộ tịch xã về thủ tục và lệ phí khi đăng ký muộn." },
    ],
    portalUrl: "https://dichvucong.gov.vn",
    sourceName: "Luật Hộ tịch 2014; Nghị định 63/2024/NĐ-CP về liên thông thủ tục hành chính (khai sinh, thường trú, thẻ BHYT cho trẻ dưới 6 tuổi)",
    sourceUrl: "https://dichvucong.gov.vn",
  },
  {
    id: "15c0b000-0000-4000-8000-000000000002",
    title: "Gia hạn thẻ bảo hiểm y tế hộ gia đình",
    summary: "Đóng tiếp bảo hiểm y tế cho cả nhà trước khi thẻ hết hạn, tại đại lý thu hoặc trên mạng. Nội dung mẫu, cần đối chiếu nguồn.",
    steps: [
      { title: "Xem hạn thẻ của từng người trong ứng dụng VssID hoặc trên thẻ" },
      { title: "Đóng tiền cho cả hộ", detail: "Tại đại lý thu (bưu điện, Ủy ban nhân dân xã) hoặc trực tuyến trên Cổng Dịch vụ công." },
      { title: "Nhận biên lai và kiểm tra hạn thẻ mới trong VssID" },
    ],
    papers: ["Số định danh cá nhân (số căn cước) của từng người", "Thẻ bảo hiểm y tế cũ (nếu có)"],
    where: "Đại lý thu bảo hiểm xã hội, bảo hiểm y tế ở xã; hoặc Cổng Dịch vụ công quốc gia, ứng dụng VssID.",
    when: "Trước ngày thẻ hết hạn để không bị gián đoạn quyền lợi.",
    fees: "Mức đóng theo hộ gia đình: người thứ nhất 4,5% mức lương cơ sở; người thứ hai, ba, tư lần lượt 70%, 60%, 50% mức của người thứ nhất; từ người thứ năm 40%. Hộ nghèo, cận nghèo, người dân tộc thiểu số ở vùng khó khăn có thể được Nhà nước đóng hoặc hỗ trợ.",
    whoToAsk: "Đại lý thu bảo hiểm ở xã, Bảo hiểm xã hội khu vực; cán bộ chi hội phụ nữ.",
    faq: [
      { question: "Nhà tôi là hộ cận nghèo có phải đóng đủ không?", answer: "Hộ cận nghèo được Nhà nước hỗ trợ một phần mức đóng; chị hỏi cán bộ xã để biết phần mình phải đóng." },
      { question: "Thẻ giấy bị mất thì sao?", answer: "Chị dùng thẻ trên ứng dụng VssID hoặc VNeID khi đi khám, hoặc xin cấp lại tại cơ quan bảo hiểm xã hội." },
    ],
    portalUrl: "https://dichvucong.gov.vn",
    sourceName: "Luật Bảo hiểm y tế; Nghị định 146/2018/NĐ-CP; Bảo hiểm xã hội Việt Nam",
    sourceUrl: "https://baohiemxahoi.gov.vn",
  },
  {
    id: "15c0b000-0000-4000-8000-000000000003",
    title: "Kích hoạt tài khoản định danh điện tử VNeID mức 2",
    summary: "Tài khoản mức 2 giúp chị làm dịch vụ công trên điện thoại và dùng giấy tờ điện tử. Nội dung mẫu, cần đối chiếu nguồn.",
    steps: [
      { title: "Mang căn cước gắn chip đến Công an xã", detail: "Cán bộ công an chụp ảnh, lấy vân tay và nhận đăng ký tài khoản mức 2." },
      { title: "Chờ tin nhắn mã kích hoạt gửi về số điện thoại chính chủ" },
      { title: "Cài ứng dụng VNeID, chọn Kích hoạt tài khoản, nhập số định danh, số điện thoại và mã kích hoạt" },
      { title: "Đặt mật khẩu và mã bảo vệ, ghi nhớ, không đưa cho người khác" },
    ],
    papers: ["Căn cước gắn chip", "Điện thoại có số thuê bao đứng tên chị"],
    where: "Công an xã nơi chị cư trú (hoặc nơi làm căn cước).",
    when: "Vào giờ làm việc của Công an xã; mã kích hoạt thường đến sau vài ngày.",
    fees: "Không mất phí.",
    whoToAsk: "Công an xã; cán bộ chi hội phụ nữ giúp chị cài đặt ứng dụng.",
    faq: [
      { question: "Có ai gọi điện xin mã kích hoạt thì sao?", answer: "Không đưa mã cho bất kỳ ai, kể cả người xưng là công an. Công an không bao giờ hỏi mã qua điện thoại." },
      { question: "Số điện thoại không đứng tên tôi thì sao?", answer: "Chị ra cửa hàng nhà mạng chuẩn hóa thông tin thuê bao theo căn cước trước khi đăng ký." },
    ],
    portalUrl: null,
    sourceName: "Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử; Bộ Công an",
    sourceUrl: null,
  },
  {
    id: "15c0b000-0000-4000-8000-000000000004",
    title: "Vay vốn Ngân hàng Chính sách xã hội qua tổ tiết kiệm và vay vốn của Hội",
    summary: "Hộ nghèo, cận nghèo và các đối tượng chính sách vay vốn ưu đãi qua tổ tiết kiệm và vay vốn do Hội Phụ nữ quản lý. Nội dung mẫu, cần đối chiếu nguồn.",
    steps: [
      { title: "Báo nhu cầu vay với tổ trưởng tổ tiết kiệm và vay vốn ở thôn" },
      { title: "Tổ họp, bình xét công khai hộ được vay" },
      { title: "Ủy ban nhân dân xã xác nhận danh sách" },
      { title: "Nhận tiền tại điểm giao dịch của Ngân hàng Chính sách xã hội ở xã vào ngày giao dịch cố định hằng tháng" },
      { title: "Trả lãi, gửi tiết kiệm hằng tháng qua tổ; trả gốc đúng hạn" },
    ],
    papers: ["Giấy đề nghị vay vốn (tổ trưởng hướng dẫn)", "Căn cước", "Giấy tờ chứng minh thuộc đối tượng (ví dụ: hộ nghèo, cận nghèo) nếu có"],
    where: "Tổ tiết kiệm và vay vốn ở thôn; điểm giao dịch Ngân hàng Chính sách xã hội tại xã.",
    when: "Theo lịch họp tổ và ngày giao dịch cố định hằng tháng của xã.",
    fees: "Không mất phí làm hồ sơ; lãi suất theo từng chương trình cho vay của Ngân hàng Chính sách xã hội.",
    whoToAsk: "Tổ trưởng tổ tiết kiệm và vay vốn; cán bộ Hội Phụ nữ xã (Hội nhận ủy thác của Ngân hàng Chính sách xã hội).",
    faq: [
      { question: "Tôi không phải hộ nghèo có vay được không?", answer: "Có nhiều chương trình (cận nghèo, mới thoát nghèo, giải quyết việc làm, nước sạch…); tổ trưởng sẽ cho chị biết chương trình phù hợp." },
      { question: "Có phải đưa tiền cho ai để được vay không?", answer: "Không. Vay vốn chính sách không mất bất kỳ khoản \"phí\" nào; nếu ai đòi, chị báo ngay cho Hội qua mục Phản ánh." },
    ],
    portalUrl: null,
    sourceName: "Nghị định 78/2002/NĐ-CP về tín dụng đối với người nghèo và các đối tượng chính sách khác; Ngân hàng Chính sách xã hội",
    sourceUrl: "https://vbsp.org.vn",
  },
];

/** Adds the sample articles (published by the province for everyone) and guides; returns how many were new. */
export async function ensureSampleContent(tx: Transaction<DB>, now = new Date()): Promise<number> {
  const unitId = DEMO_UNITS.province.id;
  let added = 0;
  for (const [i, a] of ARTICLES.entries()) {
    const html = renderMarkdown(a.body);
    // a minute apart, newest first as listed here
    const at = new Date(now.getTime() - i * 60_000);
    const row = await tx
      .insertInto("articles")
      .values({
        id: a.id,
        kind: a.kind,
        unit_id: unitId,
        audience: [unitId],
        status: "published",
        publish_at: at,
        sample: true,
        search_text: searchTextOf([a.title, excerptOf(html, 5000)]),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) continue;
    added++;
    await tx.insertInto("article_variants").values({ article_id: a.id, language: "vi", title: a.title, body: a.body, html, excerpt: excerptOf(html) }).execute();
    if (a.questions.length > 0) {
      await tx
        .insertInto("article_questions")
        .values(a.questions.map((q, p) => ({ article_id: a.id, position: p, prompt: JSON.stringify({ vi: q.prompt }), choices: JSON.stringify(q.choices.map((c) => ({ vi: c }))), answer: q.answer })))
        .execute();
    }
  }
  for (const [i, g] of GUIDES.entries()) {
    const at = new Date(now.getTime() - i * 60_000);
    const row = await tx
      .insertInto("guides")
      .values({
        id: g.id,
        unit_id: unitId,
        audience: [unitId],
        status: "published",
        publish_at: at,
        title: g.title,
        summary: g.summary,
        steps: JSON.stringify(g.steps),
        papers: JSON.stringify(g.papers),
        where_text: g.where,
        when_text: g.when,
        fees: g.fees,
        who_to_ask: g.whoToAsk,
        faq: JSON.stringify(g.faq),
        portal_url: g.portalUrl,
        source_name: g.sourceName,
        source_url: g.sourceUrl,
        checked_on: WRITTEN_ON,
        sample: true,
        search_text: searchTextOf([g.title, g.summary, ...g.steps.map((s) => s.title), ...g.faq.map((f) => f.question)]),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) added++;
  }
  return added;
}
