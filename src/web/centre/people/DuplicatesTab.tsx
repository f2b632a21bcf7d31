import { useState } from 'react';
import { App, Button, Card, Empty, Input, Space, Table } from 'antd';
import { api, errorText } from '../../shared/api.js';
import { fmtTime } from '../format.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

/** 重复档案: records sharing an ID number; one is folded into the one that stays, with a reason. */
export function DuplicatesTab() {
  const { t } = useLang();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const list = useLoad(() => ok(api.GET('/api/v1/residents/duplicates')), []);

  async function merge(id: number, intoId: number) {
    try {
      await ok(
        api.POST('/api/v1/residents/{id}/merge', {
          params: { path: { id } },
          body: { intoId, reason: reason.trim() },
        }),
      );
      void message.success(t('reg.done'));
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  const groups = list.data?.groups ?? [];
  return (
    <div data-testid="duplicates">
      <Input
        style={{ maxWidth: 400, marginBottom: 12 }}
        placeholder={t('reg.mergeReason')}
        value={reason}
        maxLength={200}
        onChange={(e) => setReason(e.target.value)}
        data-testid="merge-reason"
      />
      {!list.loading && groups.length === 0 && <Empty />}
      {groups.map((g) => {
        const keep = g.records[0]!;
        return (
          <Card key={g.idNumber} size="small" title={g.idNumber} style={{ marginBottom: 12 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={g.records}
              columns={[
                { title: t('reg.resident'), dataIndex: 'name' },
                { title: t('people.address'), dataIndex: 'address' },
                { title: t('reg.issuedAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
                {
                  title: '',
                  key: 'a',
                  render: (_: unknown, r) =>
                    r.id === keep.id ? (
                      t('reg.keep')
                    ) : (
                      <Space>
                        <Button
                          size="small"
                          disabled={reason.trim().length < 2}
                          onClick={() => void merge(r.id, keep.id)}
                          data-testid={`merge-${r.id}`}
                        >
                          {t('reg.mergeInto', { name: keep.name })}
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
        );
      })}
    </div>
  );
}
