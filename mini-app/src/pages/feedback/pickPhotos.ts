import { zaloChooseImages } from "../../zalo.js";

/** Photos bigger than this are scaled down in the phone before upload: faster on 3G, and under the server's 5 MB. */
const SHRINK_ABOVE_BYTES = 1.5 * 1024 * 1024;
const MAX_SIDE = 1600;

/**
 * Inside Zalo, the native picker (album or camera). Answers null when the SDK cannot help (outside Zalo, an old Zalo),
 * so the caller falls back to a plain file input; an empty list when she cancelled (even when the picker never
 * answers a cancel, see settleOnReturn).
 */
export async function pickWithZalo(count: number): Promise<File[] | null> {
  const picked = await zaloChooseImages(count);
  if ("cancelled" in picked) return [];
  if ("unavailable" in picked) return null;
  const paths = picked.paths;
  try {
    return await Promise.all(
      paths.slice(0, count).map(async (p, i) => {
        const blob = await (await fetch(p)).blob();
        return new File([blob], `anh-${i + 1}.jpg`, { type: blob.type || "image/jpeg" });
      }),
    );
  } catch {
    return null;
  }
}

/** A big camera photo re-encoded as JPEG at most 1600 px on its long side; small ones go as they are. */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== "function") return file;
  try {
    const bmp = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bmp.width, bmp.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bmp.width * scale);
    canvas.height = Math.round(bmp.height * scale);
    canvas.getContext("2d")?.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    bmp.close();
    const out = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/jpeg", 0.82));
    return out && out.size < file.size ? out : file;
  } catch {
    return file;
  }
}
