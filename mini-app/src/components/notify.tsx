import { useMemo } from "react";
import { useSnackbar } from "zmp-ui";
import { Icon } from "./icons.js";

/**
 * Short messages at the bottom of the screen. Our own icons: zmp-ui's default ones come from Zalo's icon font,
 * which on a weak connection shows up as raw text ("zi_check_circle_solid").
 */
export function useNotify() {
  const { openSnackbar } = useSnackbar();
  return useMemo(
    () => ({
      ok: (text: string) => openSnackbar({ type: "success", text, prefixIcon: <Icon name="check" />, duration: 5000 }),
      warn: (text: string) => openSnackbar({ type: "warning", text, prefixIcon: <Icon name="alert" />, duration: 6000 }),
      fail: (text: string) => openSnackbar({ type: "error", text, prefixIcon: <Icon name="alert" />, duration: 6000 }),
    }),
    [openSnackbar],
  );
}
