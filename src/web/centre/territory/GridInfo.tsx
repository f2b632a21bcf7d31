import { Button, Descriptions, Skeleton, Statistic, Row, Col } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';

/** One grid's counts (GET /grids/{code}): households, residents, grid workers. */
export function GridInfo({ code }: { code: string }) {
  const { t } = useLang();
  const g = useLoad(() => ok(api.GET('/api/v1/grids/{code}', { params: { path: { code } } })), [code]);
  if (!g.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const p = g.data.properties;
  return (
    <div data-testid="grid-info">
      <Descriptions size="small" column={1} title={p.name}>
        <Descriptions.Item label={t('terr.village')}>{p.villageName}</Descriptions.Item>
        <Descriptions.Item label={t('terr.township')}>{p.townshipName}</Descriptions.Item>
        <Descriptions.Item label={t('terr.code')}>{p.code}</Descriptions.Item>
      </Descriptions>
      <Row gutter={8} style={{ margin: '8px 0' }}>
        <Col span={8}>
          <Statistic title={t('terr.households')} value={p.households} />
        </Col>
        <Col span={8}>
          <Statistic title={t('terr.residents')} value={p.residents} />
        </Col>
        <Col span={8}>
          <Statistic title={t('terr.workers')} value={p.workers} />
        </Col>
      </Row>
      <Button block onClick={() => navigate('/cases', { within: p.code })} data-testid="grid-cases">
        {t('terr.cases')}
      </Button>
    </div>
  );
}
