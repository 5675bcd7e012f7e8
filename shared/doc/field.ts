/** The editor's content in a report's Yjs document: the XmlFragment named `default` (TipTap's default field; API.md). */
export const DOC_FIELD = 'default';
