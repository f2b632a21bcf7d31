import { Tag } from 'antd';
import { useLang } from '../lang.js';

const COLORS: Record<string, string> = {
  submitted: 'orange',
  published: 'blue',
  claimed: 'geekblue',
  fulfilled: 'cyan',
  closed: 'green',
};

/** A wish's state as a coloured tag (the wall's table and the drawer). */
export function WishStatusTag({ status }: { status: string }) {
  const { label } = useLang();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="wish-status-tag" data-status={status}>
      {label('wishes.status', status)}
    </Tag>
  );
}
