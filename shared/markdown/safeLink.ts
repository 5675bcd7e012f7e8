/** Schemes that run script or carry a whole document inline when a reader clicks the link. */
const UNSAFE = /^(javascript|vbscript|data):/i;

/** Whether an href may be exported as a link, judged as a browser reads it: controls and spaces dropped, any case. */
export const isSafeHref = (href: string) => !UNSAFE.test(href.replace(/[\u0000-\u0020]/g, ''));
