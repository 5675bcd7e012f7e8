/** An objective of a space: `O1 业务服务`. OKR items are grouped under them. */
export interface Objective { code: string; title: string }

/** Objectives a new space starts with (owners edit them). */
export const defaultObjectives: readonly Objective[] = [
  { code: 'O1', title: '业务服务' },
  { code: 'O2', title: '能力升级' },
  { code: 'O3', title: '平台治理' },
  { code: 'O4', title: '支付 × AI' },
];

/** How an objective's code is written: O1 to O99, without a leading zero (`O0` and `O01` are typos). */
export const OBJECTIVE_CODE = /^O[1-9]\d?$/;

/** Whether a title shows nothing: blank, or only invisible characters (zero-width spaces and joiners, BOM, word joiner). */
export const isInvisibleText = (text: string) => text.replace(/[\s\p{Cf}]/gu, '') === '';
