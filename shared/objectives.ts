/** An objective of a space: `O1 业务服务`. OKR items are grouped under them. */
export interface Objective { code: string; title: string }

/** Objectives a new space starts with (owners edit them). */
export const defaultObjectives: readonly Objective[] = [
  { code: 'O1', title: '业务服务' },
  { code: 'O2', title: '能力升级' },
  { code: 'O3', title: '平台治理' },
  { code: 'O4', title: '支付 × AI' },
];
