/**
 * What an import tells people beyond its counts (issue 13): each warning and note is a code with parameters, never a
 * sentence built on the server. The web app words it through its catalogues (`notices.<code>` in web/i18n/*.json, a
 * test checks every code here has its entry in both languages); API clients and the CLI read the English `message`
 * (`noticeMessage`), which also fills the contract's `warnings: [string]` and the `notes: [string]` of the import answer.
 */

export interface ImportNoticeParams {
  /** The title says one week, the Created date lies in another; imported as `week`. */
  'import.weekMismatch': { title: string; created: string; createdWeek: string; week: string };
  /** ?week= overrode the title's week. */
  'import.weekOverride': { week: string; title: string };
  /** Lines of the file that could not be placed in the document: how many, and the first (its line number and text). */
  'import.lostLines': { count: number; line: number; text: string };
  /** A project name linked to the project of a nearby week written differently (issue 12). */
  'import.projectLinked': { name: string; linkedTo: string; week: string };
  /** Owners written by name (`负责人：王五`) that are no member of the space: left out of the items' owners (issue 15). */
  'import.unknownOwners': { names: string };
}

export type ImportNoticeCode = keyof ImportNoticeParams;

/** Every code import can give, in one list (the catalogue test walks it). */
export const importNoticeCodes = ['import.weekMismatch', 'import.weekOverride', 'import.lostLines', 'import.projectLinked', 'import.unknownOwners'] as const satisfies readonly ImportNoticeCode[];

/** A warning (something in the file the reader should check) or a note (a decision import made). */
export type ImportNotice = { [C in ImportNoticeCode]: { code: C; params: ImportNoticeParams[C] } }[ImportNoticeCode];

/** As the import answer carries it: the code, its parameters, the English sentence, and whether it is a warning or a note. */
export type ImportNoticeView = ImportNotice & { level: 'warning' | 'note'; message: string };

export const notice = <C extends ImportNoticeCode>(code: C, params: ImportNoticeParams[C]) => ({ code, params }) as ImportNotice;

/** The English sentence of a notice, for API clients and the CLI (the web app uses its catalogues instead). */
export function noticeMessage(n: ImportNotice): string {
  switch (n.code) {
    case 'import.weekMismatch':
      return `The title says ${n.params.title} but the Created date (${n.params.created}) is in ${n.params.createdWeek}; imported as ${n.params.week}.`;
    case 'import.weekOverride':
      return `Imported as ${n.params.week} (?week) although the title says ${n.params.title}.`;
    case 'import.lostLines':
      return `${n.params.count} line(s) could not be placed in the document, first (line ${n.params.line}): ${n.params.text}`;
    case 'import.projectLinked':
      return `Linked “${n.params.name}” to the project “${n.params.linkedTo}” (${n.params.week}).`;
    case 'import.unknownOwners':
      return `No member of the space is called ${n.params.names}: left out of the owners; add them to the space and pick them in the item.`;
  }
}

export const noticeView = (n: ImportNotice, level: ImportNoticeView['level']): ImportNoticeView => ({ ...n, level, message: noticeMessage(n) });
