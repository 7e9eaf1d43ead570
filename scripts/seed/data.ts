import fs from "node:fs";

/** The shape of reference/lao-cai-2025.json that the seed relies on (the file carries more, for provenance). */
export interface CommuneRecord {
  name: string;
  type: "xa" | "phuong";
  code: string;
  formerUnits: string[];
  formerUnitsDetail: Array<{ resolutionName: string; oldDatasetName?: string; oldCode?: string }>;
  rearranged: boolean;
  resolutionClause: string;
}

export interface ProvinceData {
  resolution: { number: string; effective: string };
  province: { name: string; code: string };
  counts: { units: number; xa: number; phuong: number };
  units: CommuneRecord[];
}

let cached: ProvinceData | null = null;

/** Read once per process; fails loudly if the file and its own counts disagree. */
export function loadProvinceData(): ProvinceData {
  if (cached) return cached;
  const raw = fs.readFileSync(new URL("./reference/lao-cai-2025.json", import.meta.url), "utf8");
  const data = JSON.parse(raw) as ProvinceData;
  const xa = data.units.filter((u) => u.type === "xa").length;
  if (data.units.length !== data.counts.units || xa !== data.counts.xa || data.units.length - xa !== data.counts.phuong) {
    throw new Error(`lao-cai-2025.json: ${data.units.length} units (${xa} xã) disagree with its counts ${JSON.stringify(data.counts)}`);
  }
  if (new Set(data.units.map((u) => u.code)).size !== data.units.length) throw new Error("lao-cai-2025.json: duplicate codes");
  cached = data;
  return data;
}

/** "xã Hồ Bốn" → "Xã Hồ Bốn": former names are shown as names, capitalised like current ones. */
export const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
