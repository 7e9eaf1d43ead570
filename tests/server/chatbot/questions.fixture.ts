/**
 * How women of Lào Cai actually type to the OA (issue 15): no diacritics, phone typos, run-on words, "e"/"c" for
 * em/chị, half the question missing. Written from conversations of that kind, not from the guides' titles. Each names
 * the demo seed's guide (scripts/seed/content.ts) that must come in the bot's three closest topics.
 */
export const KHAI_SINH = "15c0b000-0000-4000-8000-000000000001";
export const BHYT = "15c0b000-0000-4000-8000-000000000002";
export const VNEID = "15c0b000-0000-4000-8000-000000000003";
export const VAY_VON = "15c0b000-0000-4000-8000-000000000004";

export const QUESTIONS: Array<[question: string, guideId: string]> = [
  ["lam the nao de dang ky khai sinh cho con", KHAI_SINH],
  ["e moi sinh chau thi lam giay khai sinh o dau a", KHAI_SINH],
  ["chi oi lam giay khai sinh tren dien thoai dc ko", KHAI_SINH],
  ["con e duoc 2 thang chua lam khai sinh co sao khong", KHAI_SINH],
  ["dang ki khai sinh cho be qua mang the nao", KHAI_SINH],
  ["lam giay khai sihn cho con can giay chung sinh ko", KHAI_SINH],
  ["qua 60 ngay moi di khai sinh co bi phat ko", KHAI_SINH],
  ["lam khai sinh xong co dc the bao hiem cho be luon k", KHAI_SINH],
  ["the bao hiem y te cua nha e het han roi gia han the nao", BHYT],
  ["dong bao hiem y te ca nha o dau", BHYT],
  ["ho can ngheo dong bhyt co dc ho tro ko chi", BHYT],
  ["e lam mat the bao hiem y te roi", BHYT],
  ["xem han the bhyt o dau a", BHYT],
  ["nop tien bao hiem y te cho ca ho o buu dien duoc khong", BHYT],
  ["bao hiem y te gia dinh bao nhieu tien 1 nam", BHYT],
  ["the bao hiem het han thi di kham co dc ko", BHYT],
  ["kich hoat vneid muc 2 lam sao", VNEID],
  ["tai khoan dinh danh dien tu muc hai dang ky o dau", VNEID],
  ["co nguoi goi dien xin ma kich hoat vneid co dua khong", VNEID],
  ["so dien thoai khong chinh chu co lam dinh danh dc ko", VNEID],
  ["e chua co tai khoan vn eid thi lam the nao", VNEID],
  ["mang can cuoc ra cong an xa lam dinh danh muc 2 a", VNEID],
  ["quen mat khau vneid thi sao chi", VNEID],
  ["cai ung dung vneid nhap ma kich hoat o dau", VNEID],
  ["e muon vay von ngan hang chinh sach", VAY_VON],
  ["vay tien ngan hang chinh sach xa hoi qua hoi phu nu the nao", VAY_VON],
  ["nha e khong phai ho ngheo co vay duoc khong", VAY_VON],
  ["co nguoi doi tien moi cho vay von co dung khong", VAY_VON],
  ["to tiet kiem va vay von o thon minh ai lam to truong", VAY_VON],
  ["muon vay von lam chuong nuoi lon thi hoi ai", VAY_VON],
  ["vay von ngan hang csxh tra lai hang thang the nao", VAY_VON],
  ["ho can ngheo vay tien lam an o dau a", VAY_VON],
];

/**
 * The same kind of questions in chat short forms — "ko"/"k" (không), "dc" (được), "vs" (với), "j" (gì), "lm", "ntn",
 * "bn", "r", "sdt", "tk", "cccd", "bhyt", "nhcs" — with a few misspellings and half-typed diacritics, as women send them
 * from a phone keyboard. Each must still find its guide (shared/src/domain/chatbot.ts `chatWords` spells them out).
 */
export const SHORT_FORM_QUESTIONS: Array<[question: string, guideId: string]> = [
  ["lm giay khai sinh cho be o dau vs a", KHAI_SINH],
  ["dki khai sinh qua mang dc ko c", KHAI_SINH],
  ["con e 3 thang r chua lm khai sihn co sao k", KHAI_SINH],
  ["lam khai sinh can giay to j", KHAI_SINH],
  ["the bhyt het han r gia han ntn", BHYT],
  ["mat the bao hem y te lm lai o dau vs", BHYT],
  ["nha e can ngheo dong bhyt co dc ho tro k", BHYT],
  ["bhyt ca nha dong bn tien 1 nam", BHYT],
  ["kich hoat vneid muc 2 can j", VNEID],
  ["sdt ko chinh chu co lm dinh danh dc ko", VNEID],
  ["quen mat khau tk dinh danh thi lm j", VNEID],
  ["mang cccd ra cong an xa kich hoat dc ko", VNEID],
  ["vay vốn nhcs qua hoi phu nu ntn", VAY_VON],
  ["ko phai ho ngheo co vay von dc k", VAY_VON],
  ["vay von csxh tra lai bn 1 thang", VAY_VON],
  ["vay tien lm chuong lon thi hoi ai vs a", VAY_VON],
];
