/**
 * Vietnamese text folding so that "bao luc gia dinh" finds "bạo lực gia đình".
 * NFD splits base letters from tone/shape marks; đ/Đ has no decomposition so it is mapped by hand.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Words of a folded string, for token matching in search and the chatbot. */
export function foldedWords(input: string): string[] {
  return foldVietnamese(input)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}
