import { maskPiiText } from '../../platform/pii-text.js';
import { ACTION_PHRASES, ENTITY_NAMES, type Phrase } from './actions.js';

export type AuditFacts = {
  at: Date;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
};

const ZONE = 'Asia/Shanghai';
const zhTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const enTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-06 19:45" in the county's time (China Standard Time). */
function zhAt(at: Date): string {
  const part = Object.fromEntries(zhTime.formatToParts(at).map((x) => [x.type, x.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/** The entity in words: "居民 #12" / "resident #12"; an unknown type is named neutrally, never by its code. */
export function objectName(entityType: string, entityId: string | null): Phrase {
  const n = ENTITY_NAMES[entityType] ?? { zh: '记录', en: 'record' };
  const id = entityId ? ` #${entityId}` : '';
  return { zh: `${n.zh}${id}`, en: `${n.en}${id}` };
}

/** The action in words without its object, for filters: "查看了…的身份证号". */
/** An action as the filter lists it, named with its kind of object: "修改了Open311 接入设置". */
export function actionOption(action: string): Phrase {
  const ph = ACTION_PHRASES[action] ?? { zh: '操作了{o}', en: 'acted on {o}' };
  const o = ENTITY_NAMES[action.slice(0, action.indexOf('.'))];
  return o ? { zh: ph.zh.replace('{o}', o.zh), en: ph.en.replace('{o}', o.en) } : actionName(action);
}

export function actionName(action: string): Phrase {
  const ph = ACTION_PHRASES[action] ?? { zh: '操作了{o}', en: 'acted on {o}' };
  return { zh: ph.zh.replace('{o}', '…'), en: ph.en.replace('{o}', '…') };
}

/**
 * One audit row as a sentence in both languages:
 * "张三 于 2026-12-06 19:45 查看了 居民 #12 的身份证号，事由：核实低保". Free text (the reason)
 * passes maskPiiText; the before/after JSON is never part of it.
 */
export function auditSentence(f: AuditFacts): Phrase {
  const ph = ACTION_PHRASES[f.action] ?? { zh: '操作了{o}', en: 'acted on {o}' };
  const o = objectName(f.entityType, f.entityId);
  const reason = f.reason ? maskPiiText(f.reason) : null;
  const zhVerb = ph.zh.replace('{o}', ` ${o.zh} `).replace(/\s+/g, ' ').trim();
  const zh = `${f.actorName ?? '系统'} 于 ${zhAt(f.at)} ${zhVerb}${reason ? `，事由：${reason}` : ''}`;
  const en = `${f.actorName ?? 'The system'} ${ph.en.replace('{o}', o.en)} on ${enTime.format(f.at)}${
    reason ? `; reason: ${reason}` : ''
  }`;
  return { zh, en };
}
