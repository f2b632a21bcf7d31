import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { ok } from '../load.js';
import { ParticipantPicker, type Picked } from './ParticipantPicker.js';

const MEETING_KINDS = [
  'deliberation',
  'two_committees',
  'party_members',
  'villagers',
  'representatives',
] as const;

const KINDS = [
  'resident',
  'party_member',
  'property_manager',
  'station',
  'new_economy_org',
  'team_member',
  'village_cadre',
  'department',
  'other',
] as const;
type Kind = (typeof KINDS)[number];
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * 召集议事: title, kind (议事会 or a village body of 四议两公开), date, place, convener, agenda, the people
 * and bodies invited — picked by name among those of the village (linked by id) or typed as names
 * ("物业 幸福物业" per line) —, matters.
 */
export function ConveneModal(p: { open: boolean; onClose: () => void; onMade: (id: number) => void }) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [picked, setPicked] = useState<Picked[]>([]);
  const kindOf = (word: string): Kind =>
    KINDS.find((k) => label('mtg.kind', k) === word || k === word) ?? 'other';
  const submit = async () => {
    let v: Awaited<ReturnType<typeof form.validateFields>>;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is wrong beside each field
    }
    try {
      const made = await ok(
        api.POST('/api/v1/meetings', {
          body: {
            title: v.title,
            heldOn: (v.heldOn as dayjs.Dayjs).format('YYYY-MM-DD'),
            place: v.place ?? '',
            convenerKind: v.convenerKind,
            kind: v.kind,
            convenerName: v.convenerName,
            agenda: lines(v.agenda),
            participants: [
              ...picked.map((x) =>
                x.refId !== undefined ? { kind: x.kind, refId: x.refId } : { kind: x.kind, name: x.name },
              ),
              ...lines(v.participants).map((l) => {
                const [first, ...rest] = l.split(/\s+/);
                return rest.length
                  ? { kind: kindOf(first!), name: rest.join(' ') }
                  : { kind: 'other' as const, name: l };
              }),
            ],
            matters: lines(v.matters).map((title) => ({ title })),
          },
        }),
      );
      form.resetFields();
      setPicked([]);
      p.onMade(made.id);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Modal
      open={p.open}
      onCancel={p.onClose}
      onOk={submit}
      title={t('mtg.convene')}
      okButtonProps={{ id: 'convene-ok' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ heldOn: dayjs(), convenerKind: 'village', kind: 'deliberation' }}
      >
        <Form.Item name="title" label={t('mtg.title')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={80} id="convene-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('mtg.meetingKind')}>
          <Select
            data-testid="convene-kind"
            options={MEETING_KINDS.map((k) => ({ value: k, label: label('mtg.meetingKind', k) }))}
          />
        </Form.Item>
        <Form.Item name="heldOn" label={t('mtg.heldOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="place" label={t('mtg.place')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="convenerKind" label={t('mtg.convener')}>
          <Select
            options={(['village', 'grid_party'] as const).map((k) => ({
              value: k,
              label: label('mtg.convenerKind', k),
            }))}
          />
        </Form.Item>
        <Form.Item name="convenerName" label={t('mtg.convener')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={60} placeholder="村两委 / 第一网格党小组" id="convene-convener" />
        </Form.Item>
        <Form.Item
          name="agenda"
          label={t('mtg.agenda')}
          extra={t('mtg.agendaHint')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={3} id="convene-agenda" />
        </Form.Item>
        <Form.Item label={t('mtg.participants')}>
          <ParticipantPicker value={picked} onChange={setPicked} />
        </Form.Item>
        <Form.Item name="participants" label={t('mtg.others')} extra={t('mtg.participantsHint')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="matters" label={t('mtg.matters')} extra={t('mtg.mattersHint')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
