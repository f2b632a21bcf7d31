import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { FlagTags, StateTag, WarningTag } from '../cases/tags.js';
import { useCategoryName } from '../common/useCategoryNames.js';
import { useLang } from '../lang.js';
import { useLive } from '../live.js';
import { ok, useLoad } from '../load.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { ActionBar } from './ActionBar.js';
import { CallButton } from '../calls/CallButton.js';
import { CaseFacts } from './CaseFacts.js';
import { CaseLocation } from './CaseLocation.js';
import { CasePhotos } from './CasePhotos.js';
import { CaseTimeline } from './CaseTimeline.js';

/** 案件详情: facts, photos, location, the timeline, and the actions the API offers. */
export function CaseDetailPage({ id }: { id: number }) {
  const { t, label, lang } = useLang();
  const { can } = useSession();
  const catName = useCategoryName();
  const res = useLoad(() => ok(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })), [id]);
  useLive((e) => e.caseId === id && res.reload());
  const c = res.data;
  const back = () => (history.length > 1 ? history.back() : navigate('/cases'));

  if (res.error !== undefined && !c)
    return (
      <Card>
        <Alert
          type="error"
          showIcon
          title={errorText(res.error, lang)}
          action={<Button onClick={back}>{t('common.back')}</Button>}
        />
      </Card>
    );
  if (!c)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="case-detail">
      <Card size="small">
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Button icon={<ArrowLeftOutlined />} onClick={back} title={t('common.back')} />
          <div style={{ flex: 1, minWidth: 320 }}>
            <Space wrap size={8}>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-number">
                {c.number}
              </Typography.Title>
              <StateTag state={c.state} />
              <WarningTag warning={c.warning} />
              <FlagTags c={c} />
            </Space>
            <div>
              <Typography.Text type="secondary">
                {catName(c.categoryCode, c.categoryName)} · {label('tier', c.tier)} · {c.gridName}
                {c.departmentName ? ` · ${c.departmentName}` : ''}
              </Typography.Text>
            </div>
          </div>
          <Space align="start">
            <CallButton about={{ type: 'case', id: c.id }} />
            <ActionBar c={c} onDone={res.reload} />
            <Button
              icon={<PrinterOutlined />}
              href={`/print/case/${c.id}`}
              target="_blank"
              title={t('print.caseButton')}
              data-testid="case-print"
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={res.reload}
              loading={res.loading}
              title={t('common.refresh')}
            />
          </Space>
        </div>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('case.facts')}>
              <CaseFacts c={c} />
            </Card>
            <Card size="small" title={t('case.photos')}>
              <CasePhotos photos={c.photos} />
            </Card>
            <Card size="small" title={t('case.location')} styles={{ body: { padding: 8 } }}>
              <CaseLocation c={c} showGrid={can('regions.read')} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('case.timeline')}>
            <CaseTimeline c={c} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
