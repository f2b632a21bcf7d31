import { Space, Tag } from 'antd';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';

export type Errand =
  paths['/api/v1/errands']['get']['responses'][200]['content']['application/json']['items'][number];

/** An errand's status as a coloured tag, with 超时 when the promised time has passed. */
export function StatusTag({ e }: { e: Pick<Errand, 'status' | 'overdue'> }) {
  const { t, label } = useLang();
  const color =
    e.status === 'confirmed'
      ? 'green'
      : e.status === 'done'
        ? 'cyan'
        : e.status === 'accepted'
          ? 'blue'
          : e.status === 'requested'
            ? 'orange'
            : 'default';
  return (
    <Space size={4}>
      <Tag color={color} data-testid="errand-status-tag">
        {label('errands.status', e.status)}
      </Tag>
      {e.overdue && <Tag color="red">{t('errands.overdue')}</Tag>}
    </Space>
  );
}
