import { AutoComplete, Descriptions, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { api } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import type { CaseDetail } from '../types.js';
import type { Field } from './actionSpecs.js';
import { DeptSelect } from './DeptSelect.js';
import { PhotoUpload } from './PhotoUpload.js';

type PendingDelay = { amount?: number; unit?: string; reason?: string | null; at?: string };

/** The form fields one action asks for (see actionSpecs.ts). */
export function ActionFields({ c, fields }: { c: CaseDetail; fields: Field[] }) {
  const { t, label } = useLang();
  const has = (f: Field) => fields.includes(f);
  const pending = c.pendingDelay as PendingDelay | null;
  return (
    <>
      {has('department') && (
        <Form.Item
          name="departmentId"
          label={t('act.dept')}
          rules={[{ required: true, message: t('act.deptRequired') }]}
        >
          <DeptSelect c={c} />
        </Form.Item>
      )}
      {has('photo') && (
        <Form.Item
          name="photoIds"
          label={t('act.photo')}
          rules={[{ required: true, type: 'array', min: 1, message: t('act.photoRequired') }]}
        >
          <PhotoUpload />
        </Form.Item>
      )}
      {has('verdict') && (
        <Form.Item
          name="fixed"
          label={t('act.verdict')}
          rules={[{ required: true, message: t('act.verdictRequired') }]}
        >
          <Radio.Group data-testid="verify-verdict">
            <Radio value={true} data-testid="verify-fixed">
              {t('act.verdictFixed')}
            </Radio>
            <Radio value={false} data-testid="verify-not-fixed">
              {t('act.verdictNotFixed')}
            </Radio>
          </Radio.Group>
        </Form.Item>
      )}
      {has('evidence') && (
        <Form.Item name="photoIds" label={t('act.verifyPhoto')}>
          <PhotoUpload />
        </Form.Item>
      )}
      {has('delay') && (
        <Form.Item label={t('act.delayAmount')} required>
          <Space.Compact>
            <Form.Item name={['delay', 'amount']} noStyle rules={[{ required: true }]} initialValue={1}>
              <InputNumber min={0.5} max={60} step={1} style={{ width: 120 }} data-testid="delay-amount" />
            </Form.Item>
            <Form.Item name={['delay', 'unit']} noStyle initialValue="workday">
              <Select
                style={{ width: 120 }}
                options={(['workday', 'workhour'] as const).map((u) => ({
                  value: u,
                  label: label('unit', u),
                }))}
                data-testid="delay-unit"
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      )}
      {has('approve') && (
        <>
          {pending && (
            <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('case.pendingDelay')}>
                {t('unit.amount', {
                  n: pending.amount,
                  unit: pending.unit,
                  name: label('unit', pending.unit),
                })}
                {pending.reason ? ` — ${pending.reason}` : ''}
              </Descriptions.Item>
            </Descriptions>
          )}
          <Form.Item name="approve" label={t('act.approve')} rules={[{ required: true }]} initialValue={true}>
            <Radio.Group data-testid="approve">
              <Radio value={true}>{t('act.approveYes')}</Radio>
              <Radio value={false}>{t('act.approveNo')}</Radio>
            </Radio.Group>
          </Form.Item>
        </>
      )}
      {has('duplicate') && (
        <Form.Item
          name="duplicateOf"
          label={t('act.duplicate')}
          extra={t('act.duplicateHelp')}
          rules={[
            { required: true, message: t('act.duplicateRequired') },
            { pattern: /^\d+$/, message: t('act.duplicateRequired') },
          ]}
        >
          <SimilarCases c={c} />
        </Form.Item>
      )}
      {has('evaluation') && (
        <Form.Item name="evaluation" label={t('act.evaluation')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((v) => ({
              value: v,
              label: label('eval', v),
            }))}
          />
        </Form.Item>
      )}
      {(has('note') || has('reason')) && (
        <Form.Item
          name="note"
          label={has('reason') ? t('act.reason') : t('act.note')}
          rules={
            has('reason') ? [{ required: true, whitespace: true, message: t('act.reasonRequired') }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-note" />
        </Form.Item>
      )}
    </>
  );
}

/** Open cases of the same category nearby (GET /cases/similar), or any case id typed in. */
function SimilarCases({
  c,
  value,
  onChange,
}: {
  c: CaseDetail;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { label } = useLang();
  const similar = useLoad(
    () =>
      c.lat !== null && c.lng !== null
        ? ok(
            api.GET('/api/v1/cases/similar', {
              params: { query: { categoryCode: c.categoryCode, lat: c.lat, lng: c.lng, radius: 500 } },
            }),
          ).then((r) => r.items.filter((s) => s.id !== c.id))
        : Promise.resolve([]),
    [c.id],
  );
  return (
    <AutoComplete
      value={value}
      onChange={onChange}
      options={(similar.data ?? []).map((s) => ({
        value: String(s.id),
        label: `#${s.id} ${s.number} · ${label('state', s.state)} · ${Math.round(s.distanceMetres)} m · ${s.summary ?? ''}`,
      }))}
      data-testid="duplicate-input"
    />
  );
}
