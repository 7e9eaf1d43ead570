import { foldVietnamese } from "@hoiso/shared";
import MarkdownIt from "markdown-it";

/**
 * Markdown → the HTML members get, rendered once when a cán bộ saves (stored beside the Markdown), never per read.
 * markdown-it with `html: false` escapes every raw tag, so <script>, <iframe>, style and on* attributes arrive as
 * visible text; links and images pass an allow-list instead of markdown-it's deny-list: http(s), mailto and tel links
 * or a path inside the app. Images are not embedded (an outside address would tell a third party who reads what, and
 * an inline upload would escape the media registry): the article's picture is its cover; an image shows as its alt text.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

md.validateLink = (url: string): boolean => SAFE_LINK.test(url.trim());

md.renderer.rules.image = (tokens, idx) => md.utils.escapeHtml(tokens[idx]?.content ?? "");

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  // A page outside the app opens on its own, and never learns which page sent her there.
  if (token && /^https?:/i.test(String(token.attrGet("href") ?? ""))) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer nofollow");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** The text without markup, for excerpts and search. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first words of the text, cut at a word boundary. */
export function excerptOf(html: string, max = 200): string {
  const text = plainText(html);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What search matches against: every title and text, folded (no diacritics, lower case). */
export function searchTextOf(parts: readonly string[]): string {
  return foldVietnamese(parts.join(" \n "));
}
