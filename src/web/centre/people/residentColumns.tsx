import { Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { useLang } from '../lang.js';
import type { Resident } from '../types.js';
import { RevealButton } from './RevealButton.js';

type L = ReturnType<typeof useLang>;

export function CareTags({ tags, l }: { tags: string[]; l: L }) {
  return (
    <Space size={[2, 2]} wrap>
      {tags.map((c) => (
        <Tag key={c} color="orange" style={{ marginInlineEnd: 0 }}>
          {l.label('care', c)}
        </Tag>
      ))}
    </Space>
  );
}

/** Resident columns: ID number and phone masked, with 查看 (reveal, audited) when allowed. */
export function residentColumns(
  l: L,
  canReveal: boolean,
  onHousehold?: (id: number) => void,
): ColumnsType<Resident> {
  const { t, label } = l;
  return [
    { title: t('people.name'), dataIndex: 'name', width: 90 },
    {
      title: t('people.gender'),
      dataIndex: 'gender',
      width: 60,
      render: (g: string) => t(g === 'male' ? 'people.male' : 'people.female'),
    },
    { title: t('people.birth'), dataIndex: 'birthYear', width: 90 },
    {
      title: t('people.relation'),
      dataIndex: 'relation',
      width: 90,
      render: (r: string) => label('relation', r),
    },
    {
      title: t('people.idNumber'),
      dataIndex: 'idNumber',
      width: 190,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    {
      title: t('people.phone'),
      dataIndex: 'phone',
      width: 130,
      render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span>,
    },
    {
      title: t('people.careTags'),
      dataIndex: 'careTags',
      render: (tags: string[]) => <CareTags tags={tags} l={l} />,
    },
    {
      title: t('people.party'),
      dataIndex: 'isPartyMember',
      width: 60,
      render: (p: boolean) => (p ? <Tag color="red">{t('common.yes')}</Tag> : ''),
    },
    {
      title: '',
      key: 'ops',
      width: 150,
      fixed: 'right',
      render: (_: unknown, r: Resident) => (
        <Space size={0}>
          {canReveal && <RevealButton id={r.id} name={r.name} hasPhone={r.phone !== null} />}
          {onHousehold && (
            <a onClick={() => onHousehold(r.householdId)} data-testid={`household-of-${r.id}`}>
              {t('people.household')}
            </a>
          )}
        </Space>
      ),
    },
  ];
}
