import type { Transaction } from "kysely";
import type { DB } from "../../server/src/db/types.js";
import { DEMO_UNITS } from "./demo.js";

/**
 * Sample Thi data for the demo seed only (`seed --demo`, `npm start`): a province contest with two weekly rounds (the
 * first open from the day of seeding) and a practice quiz, both marked `sample` and saying so. Questions are general
 * facts about the union and the laws members study; the union replaces them with its own bank. Fixed ids: reseeding
 * adds nothing twice.
 */
const CONTEST_ID = "15c0c000-0000-4000-8000-000000000001";
const PRACTICE_ID = "15c0c000-0000-4000-8000-000000000002";
const ROUND_IDS = ["15c0c000-0000-4000-8100-000000000001", "15c0c000-0000-4000-8100-000000000002"];
const PRACTICE_ROUND_ID = "15c0c000-0000-4000-8100-000000000003";
const DAY = 86400_000;
const NOTE = "Cuộc thi mẫu của bản demo Hội Số: cán bộ Hội thay bằng cuộc thi và ngân hàng câu hỏi chính thức trước khi sử dụng.";

const QUESTIONS: Array<{ prompt: string; choices: string[]; answer: number[]; explanation: string }> = [
  { prompt: "Hội Liên hiệp Phụ nữ Việt Nam được thành lập ngày nào?", choices: ["20/10/1930", "8/3/1910", "2/9/1945"], answer: [0], explanation: "Hội LHPN Việt Nam thành lập ngày 20/10/1930; ngày này là Ngày Phụ nữ Việt Nam." },
  { prompt: "Ngày Quốc tế Phụ nữ là ngày nào?", choices: ["20/10", "8/3", "1/6"], answer: [1], explanation: "Ngày Quốc tế Phụ nữ là ngày 8 tháng 3." },
  { prompt: "Ngày Gia đình Việt Nam là ngày nào?", choices: ["28/6", "20/11", "19/5"], answer: [0], explanation: "Ngày Gia đình Việt Nam là ngày 28 tháng 6 hằng năm." },
  { prompt: "Luật Bình đẳng giới được Quốc hội thông qua năm nào?", choices: ["2000", "2006", "2015"], answer: [1], explanation: "Luật Bình đẳng giới được Quốc hội thông qua năm 2006." },
  { prompt: "Tổng đài điện thoại quốc gia bảo vệ trẻ em là số nào?", choices: ["113", "115", "111"], answer: [2], explanation: "Tổng đài 111 miễn phí, nhận thông tin về trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại." },
  { prompt: "Luật Phòng, chống bạo lực gia đình năm 2022 có hiệu lực từ ngày nào?", choices: ["1/1/2023", "1/7/2023", "1/7/2022"], answer: [1], explanation: "Luật Phòng, chống bạo lực gia đình số 13/2022/QH15 có hiệu lực từ ngày 1/7/2023." },
  { prompt: "Những hành vi nào dưới đây là bạo lực gia đình? (chọn tất cả ý đúng)", choices: ["Đánh đập người trong gia đình", "Cùng nhau bàn bạc việc nhà", "Lăng mạ, chì chiết, xúc phạm danh dự"], answer: [0, 2], explanation: "Đánh đập và lăng mạ, xúc phạm danh dự đều là hành vi bạo lực gia đình; bàn bạc việc nhà thì không." },
  { prompt: "Phẩm chất của phụ nữ Việt Nam thời kỳ công nghiệp hóa, hiện đại hóa mà Hội vận động xây dựng là gì?", choices: ["Tự tin, tự trọng, trung hậu, đảm đang", "Anh hùng, bất khuất, trung hậu", "Chăm chỉ, tiết kiệm, khéo léo"], answer: [0], explanation: "Hội vận động xây dựng người phụ nữ Việt Nam \"Tự tin, tự trọng, trung hậu, đảm đang\"." },
  { prompt: "Chị muốn làm thủ tục khai sinh cho con trên điện thoại, chị dùng cổng nào?", choices: ["Cổng Dịch vụ công quốc gia", "Trang mạng xã hội bất kỳ", "Tin nhắn của người lạ"], answer: [0], explanation: "Thủ tục khai sinh trực tuyến làm trên Cổng Dịch vụ công quốc gia (hoặc của tỉnh), không qua người lạ." },
  { prompt: "Khi có người lạ gọi điện xin mã OTP ngân hàng của chị, chị nên làm gì?", choices: ["Đọc mã cho họ", "Không cung cấp và báo cho người thân hoặc công an", "Gửi mã qua Zalo"], answer: [1], explanation: "Mã OTP chỉ dành cho chị; không bao giờ đưa cho người khác, kể cả người xưng là nhân viên ngân hàng." },
];

export async function ensureSampleContests(tx: Transaction<DB>, now = new Date()): Promise<number> {
  const unitId = DEMO_UNITS.province.id;
  const start = new Date(now.getTime() - DAY);
  const contest = await tx
    .insertInto("contests")
    .values([
      {
        id: CONTEST_ID,
        kind: "contest",
        unit_id: unitId,
        audience: [unitId],
        title: "Cuộc thi trực tuyến tìm hiểu về Hội LHPN Việt Nam và pháp luật về gia đình (mẫu)",
        description: `Mỗi đợt 5 câu hỏi ngẫu nhiên, làm trong 10 phút, tối đa 3 lượt; lượt tốt nhất được tính. ${NOTE}`,
        rules: "1. Hội viên, phụ nữ trong tỉnh đều được tham gia.\n2. Mỗi đợt thi kéo dài một tuần.\n3. Xếp hạng: nhiều câu đúng hơn, thời gian ngắn hơn, dự đoán sát hơn, nộp sớm hơn.\n4. Giải thưởng mỗi đợt: 1 giải Nhất, 3 giải Nhì, 5 giải Ba.",
        ranking: "correct_time_prediction",
        prize_tiers: JSON.stringify([{ label: "Giải Nhất", count: 1 }, { label: "Giải Nhì", count: 3 }, { label: "Giải Ba", count: 5 }]),
        status: "published",
        sample: true,
      },
      { id: PRACTICE_ID, kind: "practice", unit_id: unitId, audience: [unitId], title: "Ôn tập: Hội LHPN và pháp luật về gia đình (mẫu)", description: NOTE, prize_tiers: "[]", status: "published", sample: true },
    ])
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .execute();
  if (contest.length === 0) return 0;
  const prediction = { prediction_kind: "perfect_count" as const, prediction_prompt: "Theo chị, có bao nhiêu người trả lời đúng tất cả các câu hỏi của đợt này?" };
  await tx
    .insertInto("contest_rounds")
    .values([
      { id: ROUND_IDS[0], contest_id: CONTEST_ID, position: 1, title: "Đợt 1", opens_at: start, closes_at: new Date(start.getTime() + 7 * DAY), question_count: 5, time_limit_seconds: 600, max_attempts: 3, ...prediction },
      { id: ROUND_IDS[1], contest_id: CONTEST_ID, position: 2, title: "Đợt 2", opens_at: new Date(start.getTime() + 7 * DAY), closes_at: new Date(start.getTime() + 14 * DAY), question_count: 5, time_limit_seconds: 600, max_attempts: 3, ...prediction },
      { id: PRACTICE_ROUND_ID, contest_id: PRACTICE_ID, position: 1, title: "Ôn tập", opens_at: start, closes_at: new Date(start.getTime() + 3650 * DAY), question_count: 5, time_limit_seconds: 600, max_attempts: 1, prediction_kind: null, prediction_prompt: null },
    ])
    .execute();
  await tx
    .insertInto("contest_questions")
    .values([...ROUND_IDS, PRACTICE_ROUND_ID].flatMap((roundId) => QUESTIONS.map((q, i) => ({ round_id: roundId, position: i + 1, prompt: q.prompt, choices: q.choices, answer: q.answer, explanation: q.explanation }))))
    .execute();
  return contest.length;
}
