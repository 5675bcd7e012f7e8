/** A block of a report as a link: the report page lands on it (web/editor/landing.ts). */
export const blockUrl = (reportId: string, blockId: string | null) => `/r/${reportId}${blockId ? `?block=${encodeURIComponent(blockId)}` : ''}`;
