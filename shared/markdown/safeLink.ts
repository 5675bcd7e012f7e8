/** Schemes that run script or carry a whole document inline when a reader clicks the link. */
const UNSAFE = /^(javascript|vbscript|data):/i;

/** Whether an href may be exported as a link, judged as a browser reads it: controls and spaces dropped, any case. */
export const isSafeHref = (href: string) => !UNSAFE.test(href.replace(/[\u0000-\u0020]/g, ''));

/**
 * An href as a Markdown link destination: brackets and spaces percent-encoded; `\`, `&`, `<` and `>` backslash-escaped
 * so that a reader decodes no character reference (`&#x6A;avascript:`) and sees no `<…>` form: it gets the href as stored.
 */
export const markdownHref = (href: string) =>
  href.replace(/[()\s]/g, (c) => encodeURIComponent(c)).replace(/[\\&<>]/g, '\\$&');
