import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "../http/errors.js";

export type SheetRows = Array<{ line: number; cells: string[] }>;

/**
 * The first sheet of an uploaded .xlsx, or a .csv, as trimmed cell texts with each row's line number (for "Dòng N: …"
 * errors). A file that cannot be read becomes the caller's own 400 (`unreadable`), with a Vietnamese reason.
 */
export async function readSheetRows(fileName: string, bytes: Buffer, unreadable: (why: string) => AppError): Promise<SheetRows> {
  const book = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (/\.csv$/i.test(fileName)) {
      // Excel writes UTF-8 CSV with a byte-order mark; keep every cell as the text she typed (no number or date guessing)
      const text = bytes.toString("utf8").replace(/^\ufeff/, "");
      sheet = await book.csv.read(Readable.from([text]), { map: (v: unknown) => v });
    } else if (/\.xlsx$/i.test(fileName)) {
      // exceljs' types ask for the older Buffer type
      await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
      sheet = book.worksheets[0];
    } else {
      throw unreadable("Chị vui lòng chọn tệp Excel (.xlsx) hoặc CSV (.csv).");
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable("Không đọc được tệp, chị kiểm tra lại tệp Excel (.xlsx) hoặc CSV (.csv).");
  }
  if (!sheet) throw unreadable("Tệp không có trang tính nào.");
  const rows: SheetRows = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = (cell.text ?? "").trim();
    });
    rows.push({ line, cells: Array.from(cells, (c) => c ?? "") });
  });
  return rows;
}
