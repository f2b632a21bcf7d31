import { Alert, App, Button, Checkbox, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Template =
  paths['/api/v1/campaign-templates']['get']['responses'][200]['content']['application/json']['items'][number];
type Preview = paths['/api/v1/campaigns/preview']['post']['responses'][200]['content']['application/json'];

const day = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);
const TIERS = ['county', 'township', 'village'] as const;

/**
 * Launch from a template: the rule's target count before launching (by child region of my scope),
 * the regions it is limited to, the dates and the supervising tiers.
 */
export function LaunchDrawer({
  open,
  onClose,
  onLaunched,
}: {
  open: boolean;
  onClose: () => void;
  onLaunched: (id: number) => void;
}) {
  const { t, label, lang } = useLang();
  const { message } = App.useApp();
  const templates = useLoad(
    () => (open ? ok(api.GET('/api/v1/campaign-templates')) : Promise.resolve({ items: [] })),
    [open],
  );
  const [key, setKey] = useState<string>();
  const tpl: Template | undefined = templates.data?.items.find((x) => x.key === key);
  const [title, setTitle] = useState('');
  const [startsOn, setStartsOn] = useState(day(0));
  const [endsOn, setEndsOn] = useState(day(30));
  const [regions, setRegions] = useState<string[]>([]);
  const [tiers, setTiers] = useState<string[]>([...TIERS]);
  const [whole, setWhole] = useState<Preview>();
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const rule = (r: string[]) => (tpl ? { ...tpl.rule, regions: r } : undefined);
  // answers may arrive out of order (two quick ticks): only the latest question's answer counts
  const asked = useRef(0);
  const runPreview = async (r: string[]) => {
    const body = rule(r);
    if (!body) return;
    setError(undefined);
    const mine = ++asked.current;
    try {
      const p = await ok(api.POST('/api/v1/campaigns/preview', { body: { rule: body } }));
      if (mine !== asked.current) return;
      if (r.length === 0) setWhole(p);
      setPreview(p);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    if (!tpl) return;
    setTitle(tpl.title);
    setEndsOn(day(tpl.days));
    setRegions([]);
    void runPreview([]);
  }, [tpl?.key]);

  const launch = async () => {
    const body = rule(regions);
    if (!body || !tpl) return;
    setBusy(true);
    setError(undefined);
    try {
      const made = await ok(
        api.POST('/api/v1/campaigns', {
          body: {
            title,
            templateKey: tpl.key,
            startsOn,
            endsOn,
            rule: body,
            checklist: tpl.checklist,
            supervising: tiers as (typeof TIERS)[number][],
            clientRequestId: crypto.randomUUID(),
          },
        }),
      );
      message.success(t('camp.launched', { n: made.targets }));
      onLaunched(made.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('camp.launch')} size="large" destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t('camp.template')}>
          <Select
            data-testid="camp-template"
            value={key}
            onChange={setKey}
            options={(templates.data?.items ?? []).map((x) => ({ value: x.key, label: x.title }))}
          />
        </Form.Item>
        {tpl && (
          <>
            <Typography.Paragraph type="secondary">{tpl.description}</Typography.Paragraph>
            <Form.Item label={t('camp.title')}>
              <Input data-testid="camp-title" value={title} onChange={(e) => setTitle(e.target.value)} />
            </Form.Item>
            <Space>
              <Form.Item label={t('camp.startsOn')}>
                <Input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
              </Form.Item>
              <Form.Item label={t('camp.endsOn')}>
                <Input type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
              </Form.Item>
            </Space>
            <Form.Item label={t('camp.pickRegions')}>
              <Checkbox.Group
                data-testid="camp-regions"
                value={regions}
                onChange={(v) => {
                  setRegions(v as string[]);
                  void runPreview(v as string[]);
                }}
                options={(whole?.byRegion ?? []).map((r) => ({
                  value: r.code,
                  label: `${r.name}（${r.targets}）`,
                }))}
              />
            </Form.Item>
            <Form.Item label={t('camp.supervising')}>
              <Checkbox.Group
                value={tiers}
                onChange={(v) => setTiers(v as string[])}
                options={TIERS.map((x) => ({ value: x, label: label('camp.tier', x) }))}
              />
            </Form.Item>
            {preview && (
              <Alert
                type="info"
                data-testid="camp-preview"
                title={t('camp.previewTotal', { n: preview.targets })}
              />
            )}
          </>
        )}
        {error !== undefined && <Alert type="error" title={errorText(error, lang)} />}
        <Button
          type="primary"
          data-testid="camp-submit"
          disabled={!tpl || !preview?.targets || tiers.length === 0}
          loading={busy}
          onClick={launch}
          style={{ marginTop: 12 }}
        >
          {t('camp.launch')}
        </Button>
      </Form>
    </Drawer>
  );
}
