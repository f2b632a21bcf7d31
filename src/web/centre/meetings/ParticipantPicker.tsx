import { Select, Space, Tag } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';

/** What the picker finds, and the participant kind it invites as (a village cadre from the register). */
const TYPES = {
  resident: 'resident',
  party_member: 'party_member',
  property_manager: 'enterprise',
  new_economy_org: 'enterprise',
  station: 'station',
  team_member: 'team_member',
  village_cadre: 'cadre',
} as const;
export type PickKind = keyof typeof TYPES;
export type Picked = { kind: PickKind; refId?: number; name: string; place: string };
type Found = { id: number; name: string; place: string };

/**
 * Invite people and bodies by name: pick what they come as, type a part of the name, choose among
 * those of the meeting's village the server finds within your scope (GET /meetings/candidates).
 */
export function ParticipantPicker(p: { value: Picked[]; onChange: (v: Picked[]) => void }) {
  const { t, label } = useLang();
  const [kind, setKind] = useState<PickKind>('resident');
  const [found, setFound] = useState<Found[]>([]);
  const asked = useRef(0);
  const search = async (q: string) => {
    const n = ++asked.current;
    const text = q.trim();
    if (!text) return setFound([]);
    try {
      const r = await ok(
        api.GET('/api/v1/meetings/candidates', { params: { query: { type: TYPES[kind], q: text } } }),
      );
      if (n === asked.current) setFound(r.items);
    } catch {
      if (n === asked.current) setFound([]);
    }
  };
  const key = (x: Picked) => `${x.kind}:${x.refId ?? x.name}`;
  const add = (id: number) => {
    const f = found.find((x) => x.id === id);
    if (!f) return;
    const item: Picked = { kind, refId: f.id, name: f.name, place: f.place };
    if (!p.value.some((x) => key(x) === key(item))) p.onChange([...p.value, item]);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          data-testid="pick-kind"
          style={{ width: 150 }}
          value={kind}
          onChange={(k) => (setKind(k), setFound([]))}
          options={(Object.keys(TYPES) as PickKind[]).map((k) => ({
            value: k,
            label: k === 'village_cadre' ? t('mtg.cadre') : label('mtg.kind', k),
          }))}
        />
        <Select
          data-testid="pick-search"
          style={{ flex: 1 }}
          showSearch
          value={null}
          filterOption={false}
          placeholder={t('mtg.pick')}
          onSearch={(q) => void search(q)}
          onChange={(id: number) => add(id)}
          options={found.map((f) => ({ value: f.id, label: `${f.name}（${f.place}）` }))}
        />
      </Space.Compact>
      <div data-testid="picked">
        {p.value.map((x) => (
          <Tag key={key(x)} closable onClose={() => p.onChange(p.value.filter((y) => key(y) !== key(x)))}>
            {label('mtg.kind', x.kind)} · {x.name}
          </Tag>
        ))}
      </div>
    </Space>
  );
}
