import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.js';
import { risk, riskSeverities, riskStatuses, type RiskSeverity, type RiskStatus } from '../../../shared/blocks/risk.js';
import type { DocNode } from '../../../shared/blocks/types.js';
import { useReportContext } from './context.js';
import { useDateContext, useMembers, useReportInfo } from './data.js';
import { DateField } from './DateField.js';
import { ChipSelect, DragHandle, KindLabel, TextField } from './fields.js';
import { backToText } from './fieldKeys.js';
import { OwnersField, ownerIds, ownersAttrs } from '../OwnersField.js';
import '../blocks.css';
import './risk.css';
import { personIdOf, splitNames } from '../../../shared/blocks/owners.js';

const severityTone: Record<RiskSeverity, string> = { high: 'red', medium: 'amber', low: 'gray' };
const severityOptions = riskSeverities.map((value) => ({ value, get label() { return i18n.t(`risk.severity.${value}`); }, tone: severityTone[value] }));
const statusOptions = riskStatuses.map((value) => ({ value, get label() { return i18n.t(`risk.status.${value}`); }, tone: value === 'open' ? 'orange' : 'green' }));

/**
 * A risk or request for help: severity and status chips, the text, who help is needed from, owner, due date.
 * What is shown is what the index holds: a field left empty shows what the text says (`（高）`, `需要工行支持`…).
 */
export function RiskView({ node, updateAttributes, editor }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const ctx = useReportContext();
  const members = useMembers();
  const { year } = useReportInfo();
  const ownersId = useId();
  const dates = useDateContext();
  const editable = ctx.canEdit && editor.isEditable;
  const a = node.attrs as { blockId: string | null; needHelpFrom: string | null; owner: string | null; due: string | null; owners: string | null };
  const item = risk.extract(node.toJSON() as DocNode, { year, objective: null });
  // A name typed as the owner that is one member's (as import reads `负责人：张三`) makes them an owning member too, so
  // the two fields do not tell different stories; names of people outside the space stay text.
  const ownersNamed = (names: string) => {
    const people = members.map((m) => ({ id: m.userId, name: m.name }));
    const ids = splitNames(names).flatMap((n) => personIdOf(n, people) ?? []);
    const now = ownerIds(a.owners);
    return ids.some((id) => !now.includes(id)) ? ownersAttrs([...now, ...ids], false) : {};
  };

  return (
    <NodeViewWrapper className={`cb cb-risk sev-${item.severity ?? 'none'} is-${item.status}`} data-block-id={a.blockId ?? undefined}>
      <DragHandle />
      <div className="cb-risk-head" contentEditable={false} onKeyDown={backToText(editor)}>
        <span className="cb-risk-icon" aria-hidden>⚑</span>
        <ChipSelect label={t('risk.severityField')} placeholder={t('risk.severityField')} value={item.severity} options={severityOptions} disabled={!editable}
          onChange={(severity: RiskSeverity | null) => updateAttributes({ severity })} />
        <ChipSelect label={t('risk.statusField')} placeholder={null} value={item.status ?? 'open'} options={statusOptions} disabled={!editable}
          onChange={(status: RiskStatus | null) => updateAttributes({ status: status ?? 'open' })} />
        <KindLabel>{t('risk.kind')}</KindLabel>
      </div>
      <NodeViewContent className="cb-risk-text" style={{ ['--cb-placeholder' as string]: JSON.stringify(t('risk.textPlaceholder')) }} />
      <div className="cb-risk-fields" contentEditable={false} onKeyDown={backToText(editor)}>
        <label className="cb-field cb-field-wide">
          <span className="cb-field-label">{t('risk.helpField')}</span>
          <TextField aria-label={t('risk.helpField')} placeholder={a.needHelpFrom ? '' : item.needHelpFrom ?? t('risk.helpPlaceholder')}
            value={a.needHelpFrom ?? ''} disabled={!editable} onCommit={(v) => updateAttributes({ needHelpFrom: v.trim() || null })} />
        </label>
        <label className="cb-field">
          <span className="cb-field-label">{t('risk.ownerField')}</span>
          <TextField aria-label={t('risk.ownerField')} list={ownersId} placeholder={a.owner ? '' : item.owner ?? t('risk.ownerPlaceholder')}
            title={t('risk.ownerHint')} value={a.owner ?? ''} disabled={!editable} onCommit={(v) => updateAttributes({ owner: v.trim() || null, ...ownersNamed(v) })} />
          <datalist id={ownersId}>{members.map((m) => <option key={m.userId} value={m.name} />)}</datalist>
        </label>
        <label className="cb-field">
          <span className="cb-field-label">{t('risk.dueField')}</span>
          <DateField kind="date" label={t('risk.dueField')} value={a.due ?? item.due ?? null} context={dates} disabled={!editable}
            onCommit={(due) => updateAttributes({ due })} />
        </label>
        {/* Members who own it (issue 15), besides the owner's name as the text writes it (`负责人：张三`). */}
        <span className="cb-field cb-field-owners">
          <span className="cb-field-label" aria-hidden>{t('editor.owners.members')}</span>
          <OwnersField ids={ownerIds(a.owners)} members={members} label={t('editor.owners.members')} emptyText={t('editor.owners.add')} disabled={!editable}
            onChange={(ids) => updateAttributes(ownersAttrs(ids, false))} />
        </span>
      </div>
    </NodeViewWrapper>
  );
}
