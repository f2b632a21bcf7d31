import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';
import { useSession } from '../session.js';
import { EndPosting, PairMentor, SendFirstSecretary } from './CadreForms.js';
import { EditCadre } from './EditCadre.js';
import { EndWithReason } from '../common/EndWithReason.js';
import type { Pairing, Posting, Training } from './types.js';

/** A cadre with trainings, postings and mentors (GET /cadres/{id}); the phone revealed only with a reason (audited). */
export function CadreDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, lang } = useLang();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const [phone, setPhone] = useState<string | null>(null);
  const [idNumber, setIdNumber] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const res = useLoad(
    () =>
      id ? ok(api.GET('/api/v1/cadres/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id],
  );
  const c = res.data;

  function reveal(field: 'phone' | 'idNumber') {
    if (!id) return;
    let reason = '';
    modal.confirm({
      title: t('cadres.reveal'),
      content: (
        <Input
          data-testid="cadre-reveal-reason"
          placeholder={t('cadres.revealReason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: async () => {
        try {
          const r = await ok(
            api.POST('/api/v1/cadres/{id}/reveal', {
              params: { path: { id } },
              body: { reason, fields: [field] },
            }),
          );
          if (field === 'phone') setPhone(r.phone);
          else setIdNumber(r.idNumber);
        } catch (err) {
          void message.error(errorText(err, lang));
          throw err;
        }
      },
    });
  }

  async function addTraining(v: { title: string; heldOn: Dayjs; hours: number }) {
    if (!id) return;
    try {
      await ok(
        api.POST('/api/v1/cadres/{id}/trainings', {
          params: { path: { id } },
          body: { title: v.title, heldOn: v.heldOn.format('YYYY-MM-DD'), hours: v.hours },
        }),
      );
      void message.success(t('cadres.saved'));
      res.reload();
    } catch (err) {
      void message.error(errorText(err, lang));
    }
  }

  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setPhone(null);
        setIdNumber(null);
        onClose();
      }}
      extra={
        c && can('cadres.manage') ? (
          <Button onClick={() => setEditing(true)} data-testid="cadre-edit-open">
            {t('cadres.edit')}
          </Button>
        ) : null
      }
      size={720}
      title={c ? c.name : t('menu.cadres')}
      data-testid="cadre-drawer"
    >
      {!c || res.loading ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('cadres.region')}>{c.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.unit')}>{c.unit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.gender')}>
              {t(c.gender === 'male' ? 'people.male' : 'people.female')}
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.age')}>{`${c.age}（${c.birthYear}）`}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.education')}>
              {t(`cadres.edu.${c.education}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.posts')}>
              {c.posts.length ? c.posts.map((p) => <Tag key={p}>{t(`cadres.post.${p}`)}</Tag>) : '—'}
              {c.reserve ? <Tag color="green">{t('cadres.reserve')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.phone')} span={2}>
              <span data-testid="cadre-phone">{phone ?? c.phone ?? '—'}</span>{' '}
              {c.phone && !phone && can('cadres.reveal') ? (
                <Button size="small" type="link" onClick={() => reveal('phone')} data-testid="cadre-reveal">
                  {t('cadres.reveal')}
                </Button>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.idNumber')} span={2}>
              <span data-testid="cadre-id-number">{idNumber ?? c.idNumber ?? '—'}</span>{' '}
              {c.idNumber && !idNumber && can('cadres.reveal') ? (
                <Button
                  size="small"
                  type="link"
                  onClick={() => reveal('idNumber')}
                  data-testid="cadre-reveal-id"
                >
                  {t('cadres.reveal')}
                </Button>
              ) : null}
            </Descriptions.Item>
          </Descriptions>
          <h4>{t('cadres.trainings')}</h4>
          <Table<Training>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.trainings}
            data-testid="cadre-trainings"
            columns={[
              { title: t('cadres.training.title'), dataIndex: 'title' },
              { title: t('cadres.training.heldOn'), dataIndex: 'heldOn', width: 110 },
              { title: t('cadres.training.hours'), dataIndex: 'hours', width: 70 },
            ]}
          />
          {can('cadres.manage') ? (
            <Form layout="inline" onFinish={addTraining} data-testid="cadre-training-form">
              <Form.Item name="title" rules={[{ required: true }]}>
                <Input placeholder={t('cadres.training.title')} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="heldOn" rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="hours" rules={[{ required: true }]}>
                <InputNumber min={0.5} max={1000} step={0.5} placeholder={t('cadres.training.hours')} />
              </Form.Item>
              <Button htmlType="submit">{t('cadres.training.add')}</Button>
            </Form>
          ) : null}
          {c.postings.length > 0 ? (
            <>
              <h4>{t('cadres.postings')}</h4>
              <Table<Posting>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.postings}
                columns={[
                  { title: t('cadres.village'), dataIndex: 'villageName' },
                  { title: t('cadres.sendingUnit'), dataIndex: 'sendingUnit' },
                  { title: t('cadres.startedOn'), dataIndex: 'startedOn', width: 110 },
                  {
                    title: t('cadres.endedOn'),
                    dataIndex: 'endedOn',
                    width: 220,
                    render: (d: string | null, p: Posting) =>
                      d ?? (can('cadres.manage') ? <EndPosting postingId={p.id} onDone={res.reload} /> : '—'),
                  },
                ]}
              />
            </>
          ) : null}
          {can('cadres.manage') && c.posts.length === 0 ? (
            <SendFirstSecretary id={c.id} onDone={res.reload} />
          ) : null}
          {can('cadres.manage') && c.posts.includes('secretary') ? (
            <PairMentor menteeId={c.id} onDone={res.reload} />
          ) : null}
          {[...c.mentors, ...c.mentees].length > 0 ? (
            <>
              <h4>{t('cadres.tab.mentors')}</h4>
              <Table<Pairing>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={[...c.mentors, ...c.mentees]}
                columns={[
                  { title: t('cadres.mentor'), dataIndex: 'mentorName' },
                  { title: t('cadres.mentee'), dataIndex: 'menteeName' },
                  { title: t('cadres.startedOn'), dataIndex: 'startedOn', width: 110 },
                  {
                    title: t('cadres.endedOn'),
                    dataIndex: 'endedOn',
                    width: 330,
                    render: (d: string | null, p: Pairing) =>
                      d ? (
                        `${d}${p.endReason ? `（${p.endReason}）` : ''}`
                      ) : can('cadres.manage') ? (
                        <EndWithReason
                          label={t('cadres.endPair')}
                          testId={`pair-end-${p.id}`}
                          onEnd={async (endedOn, reason) => {
                            await ok(
                              api.POST('/api/v1/cadres/mentors/{id}/end', {
                                params: { path: { id: p.id } },
                                body: { endedOn, reason },
                              }),
                            );
                            res.reload();
                          }}
                        />
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            </>
          ) : null}
        </Space>
      )}
      {c && editing ? (
        <EditCadre
          cadre={c}
          open
          onClose={() => setEditing(false)}
          onDone={() => (setEditing(false), res.reload())}
        />
      ) : null}
    </Drawer>
  );
}
