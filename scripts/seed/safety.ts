import type { Transaction } from "kysely";
import type { DB } from "../../server/src/db/types.js";
import type { TrustedKind } from "../../server/src/modules/safety/tables.js";
import { seedUnitId } from "./demo.js";

/**
 * Sample trusted addresses (địa chỉ tin cậy) for a few communes, demo seed only (`seed --demo`, `npm start`): every row
 * is marked `sample`, says so in its name, and has no phone number — a made-up number on a tel: link could ring a
 * stranger. The union replaces them with the real places its communes keep. Fixed ids: reseeding adds nothing twice.
 */
const SAMPLES: Array<{ id: string; commune: string; kind: TrustedKind; name: string; help: string; address: string; hours: string; managedBy: string }> = [
  {
    id: "15c5a000-0000-4000-8000-000000000001",
    commune: "02905",
    kind: "dia_chi_tin_cay",
    name: "Địa chỉ tin cậy thôn Làng Mới (mẫu)",
    help: "Cho chị và các cháu tạm lánh ngay khi bị bạo lực; báo cán bộ Hội và công an xã.",
    address: "Nhà văn hóa thôn Làng Mới, xã Bảo Thắng",
    hours: "Cả ngày và đêm",
    managedBy: "Chi hội phụ nữ thôn Làng Mới",
  },
  {
    id: "15c5a000-0000-4000-8000-000000000002",
    commune: "02905",
    kind: "cong_an",
    name: "Công an xã Bảo Thắng (mẫu)",
    help: "Tiếp nhận tố giác, tin báo về bạo lực gia đình; can thiệp khi có nguy hiểm.",
    address: "Trụ sở công an xã Bảo Thắng",
    hours: "Trực 24/7",
    managedBy: "Công an xã",
  },
  {
    id: "15c5a000-0000-4000-8000-000000000003",
    commune: "03006",
    kind: "nha_tam_lanh",
    name: "Nhà tạm lánh phường Sa Pa (mẫu)",
    help: "Chỗ ở tạm thời an toàn, tư vấn tâm lý, hỗ trợ pháp lý.",
    address: "Tổ dân phố số 1, phường Sa Pa",
    hours: "Cả ngày và đêm",
    managedBy: "Hội LHPN phường Sa Pa",
  },
  {
    id: "15c5a000-0000-4000-8000-000000000004",
    commune: "02647",
    kind: "y_te",
    name: "Trạm y tế phường Lào Cai (mẫu)",
    help: "Sơ cứu, khám thương tích, giữ kín thông tin của chị.",
    address: "Tổ dân phố Kim Tân 1, phường Lào Cai",
    hours: "7:00–17:00; cấp cứu cả đêm",
    managedBy: "Trạm y tế phường",
  },
];

export async function ensureSampleTrustedAddresses(tx: Transaction<DB>): Promise<number> {
  const r = await tx
    .insertInto("trusted_addresses")
    .values(
      SAMPLES.map((s, i) => ({
        id: s.id,
        unit_id: seedUnitId(s.commune),
        kind: s.kind,
        name: s.name,
        help: s.help,
        address: s.address,
        phone: null,
        hours: s.hours,
        managed_by: s.managedBy,
        sort: i,
        sample: true,
      })),
    )
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}
