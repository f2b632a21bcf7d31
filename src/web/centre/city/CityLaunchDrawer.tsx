import { Alert, App, Button, Checkbox, Drawer, Form, Input, Select, Space, Tree, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Template =
  paths['/api/v1/campaign-templates']['get']['responses'][200]['content']['application/json']['items'][number];
type Preview =
  paths['/api/v1/city-campaigns/preview']['post']['responses'][200]['content']['application/json'];
type Node = { key: string; title: string; isLeaf?: boolean; checkable?: boolean; children?: Node[] };

const day = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);
const TIERS = ['county', 'township', 'village'] as const;
const label = (r: Preview['byRegion'][number]) => `${r.name}（${r.targets}）`;

/**
 * A city launches from a national template: the rule's count by county before launching (open a
 * county for its townships), the regions it is limited to, the dates and the supervising tiers.
 */
export function CityLaunchDrawer({
  open,
  onClose,
  onLaunched,
}: {
  open: boolean;
  onClose: () => void;
  onLaunched: (id: number) => void;
}) {
  const { t, label: named, lang } = useLang();
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
  const [tree, setTree] = useState<Node[]>([]);
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const rule = (r: string[]) => (tpl ? { ...tpl.rule, regions: r } : undefined);
  const ask = (r: string[], within?: string) =>
    ok(api.POST('/api/v1/city-campaigns/preview', { body: { rule: rule(r)!, within } }));
  // answers may arrive out of order (two quick ticks): only the latest question's answer counts
  const asked = useRef(0);
  const runPreview = async (r: string[]) => {
    setError(undefined);
    const mine = ++asked.current;
    try {
      const p = await ask(r);
      if (mine !== asked.current) return;
      // a rule names townships, villages or grids: a county is opened, not chosen
      if (r.length === 0)
        setTree(p.byRegion.map((c) => ({ key: c.code, title: label(c), checkable: false })));
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

  // a county's townships, counted when it is opened
  const loadTownships = async (node: { key: React.Key }) => {
    const code = String(node.key);
    const p = await ask([], code);
    const kids = p.byRegion.map((r) => ({ key: r.code, title: label(r), isLeaf: true }));
    setTree((all) => all.map((c) => (c.key === code ? { ...c, children: kids } : c)));
  };

  const launch = async () => {
    const body = rule(regions);
    if (!body || !tpl) return;
    setBusy(true);
    setError(undefined);
    try {
      const made = await ok(
        api.POST('/api/v1/city-campaigns', {
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
      message.success(t('city.launched', { n: made.targets, c: made.counties }));
      onLaunched(made.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('city.launch')} size="large" destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t('camp.template')}>
          <Select
            data-testid="city-template"
            value={key}
            onChange={setKey}
            options={(templates.data?.items ?? []).map((x) => ({ value: x.key, label: x.title }))}
          />
        </Form.Item>
        {tpl && (
          <>
            <Typography.Paragraph type="secondary">{tpl.description}</Typography.Paragraph>
            <Form.Item label={t('camp.title')}>
              <Input data-testid="city-title" value={title} onChange={(e) => setTitle(e.target.value)} />
            </Form.Item>
            <Space>
              <Form.Item label={t('camp.startsOn')}>
                <Input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
              </Form.Item>
              <Form.Item label={t('camp.endsOn')}>
                <Input type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
              </Form.Item>
            </Space>
            <Form.Item label={t('city.pickRegions')}>
              <div data-testid="city-regions">
                <Tree
                  checkable
                  checkStrictly
                  treeData={tree}
                  loadData={loadTownships}
                  checkedKeys={regions}
                  onCheck={(v) => {
                    const keys = (Array.isArray(v) ? v : v.checked).map(String);
                    setRegions(keys);
                    void runPreview(keys);
                  }}
                />
              </div>
            </Form.Item>
            <Form.Item label={t('camp.supervising')}>
              <Checkbox.Group
                value={tiers}
                onChange={(v) => setTiers(v as string[])}
                options={TIERS.map((x) => ({ value: x, label: named('camp.tier', x) }))}
              />
            </Form.Item>
            {preview && (
              <Alert
                type="info"
                data-testid="city-preview"
                title={t('city.previewTotal', { n: preview.targets })}
              />
            )}
          </>
        )}
        {error !== undefined && <Alert type="error" title={errorText(error, lang)} />}
        <Button
          type="primary"
          data-testid="city-submit"
          disabled={!tpl || !preview?.targets || tiers.length === 0}
          loading={busy}
          onClick={launch}
          style={{ marginTop: 12 }}
        >
          {t('city.launch')}
        </Button>
      </Form>
    </Drawer>
  );
}
