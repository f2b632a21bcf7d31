import { Alert, Button, Checkbox, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../../shared/api.js';
import type { paths } from '../../shared/api-schema.js';
import type { Key } from '../i18n.js';
import { useLang } from '../lang.js';
import { ok, useLoad } from '../load.js';

type Template =
  paths['/api/v1/campaign-templates']['get']['responses'][200]['content']['application/json']['items'][number];
/** a template's rule limited to the chosen regions (none: the whole scope) */
export type Rule = Template['rule'] & { regions: string[] };
const TIERS = ['county', 'township', 'village'] as const;
/** What a launch sends: the form's fields, the template's rule and checklist, a fresh request id. */
export type LaunchBody = {
  title: string;
  templateKey: string;
  startsOn: string;
  endsOn: string;
  rule: Rule;
  checklist: Template['checklist'];
  supervising: (typeof TIERS)[number][];
  clientRequestId: string;
};

/** A date `d` days from today in Beijing time, as the date inputs take it. */
const day = (d: number) => new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);

/**
 * The state of launching a campaign from a template (county or city): the template, title, dates,
 * regions and supervising tiers; the preview of the rule's targets, asked again when the regions
 * change (only the latest question's answer counts), `onWhole` given the answer for no regions.
 */
export function useLaunch<P extends { targets: number }>(
  open: boolean,
  ask: (rule: Rule) => Promise<P>,
  onWhole: (p: P) => void,
) {
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
  const [preview, setPreview] = useState<P>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const rule = (r: string[]): Rule | undefined => (tpl ? { ...tpl.rule, regions: r } : undefined);
  // answers may arrive out of order (two quick ticks): only the latest question's answer counts
  const asked = useRef(0);
  const runPreview = async (r: string[]) => {
    const body = rule(r);
    if (!body) return;
    setError(undefined);
    const mine = ++asked.current;
    try {
      const p = await ask(body);
      if (mine !== asked.current) return;
      if (r.length === 0) onWhole(p);
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

  /** Sends the launch through `post`; `done` gets its answer; a refusal is shown in the form. */
  const launch = async <M,>(post: (body: LaunchBody) => Promise<M>, done: (made: M) => void) => {
    const body = rule(regions);
    if (!body || !tpl) return;
    setBusy(true);
    setError(undefined);
    try {
      const made = await post({
        title,
        templateKey: tpl.key,
        startsOn,
        endsOn,
        rule: body,
        checklist: tpl.checklist,
        supervising: tiers as (typeof TIERS)[number][],
        clientRequestId: crypto.randomUUID(),
      });
      done(made);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  /** Chooses the regions and asks for their preview. */
  const pickRegions = (r: string[]) => {
    setRegions(r);
    void runPreview(r);
  };

  return {
    templates: templates.data?.items ?? [],
    key,
    setKey,
    tpl,
    title,
    setTitle,
    startsOn,
    setStartsOn,
    endsOn,
    setEndsOn,
    regions,
    pickRegions,
    tiers,
    setTiers,
    preview,
    error,
    busy,
    launch,
  };
}

export type Launch = ReturnType<typeof useLaunch<{ targets: number }>>;

/**
 * The launch drawer's form around a hook's state: template, title, dates, the regions (`regions`:
 * the caller's picker), the supervising tiers, the preview's total and the launch button. Test ids:
 * `<testId>-template`, `-title`, `-preview`, `-submit`.
 */
export function LaunchForm(p: {
  l: Launch;
  open: boolean;
  onClose: () => void;
  onLaunch: () => void;
  testId: string;
  /** the drawer's title and the button's */
  title: Key;
  regionsLabel: Key;
  regions: ReactNode;
  /** the preview's total, e.g. camp.previewTotal ({n}) */
  previewTitle: Key;
}) {
  const { t, label, lang } = useLang();
  const { l } = p;
  return (
    <Drawer open={p.open} onClose={p.onClose} title={t(p.title)} size="large" destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t('camp.template')}>
          <Select
            data-testid={`${p.testId}-template`}
            value={l.key}
            onChange={l.setKey}
            options={l.templates.map((x) => ({ value: x.key, label: x.title }))}
          />
        </Form.Item>
        {l.tpl && (
          <>
            <Typography.Paragraph type="secondary">{l.tpl.description}</Typography.Paragraph>
            <Form.Item label={t('camp.title')}>
              <Input
                data-testid={`${p.testId}-title`}
                value={l.title}
                onChange={(e) => l.setTitle(e.target.value)}
              />
            </Form.Item>
            <Space>
              <Form.Item label={t('camp.startsOn')}>
                <Input type="date" value={l.startsOn} onChange={(e) => l.setStartsOn(e.target.value)} />
              </Form.Item>
              <Form.Item label={t('camp.endsOn')}>
                <Input type="date" value={l.endsOn} onChange={(e) => l.setEndsOn(e.target.value)} />
              </Form.Item>
            </Space>
            <Form.Item label={t(p.regionsLabel)}>{p.regions}</Form.Item>
            <Form.Item label={t('camp.supervising')}>
              <Checkbox.Group
                value={l.tiers}
                onChange={(v) => l.setTiers(v as string[])}
                options={TIERS.map((x) => ({ value: x, label: label('camp.tier', x) }))}
              />
            </Form.Item>
            {l.preview && (
              <Alert
                type="info"
                data-testid={`${p.testId}-preview`}
                title={t(p.previewTitle, { n: l.preview.targets })}
              />
            )}
          </>
        )}
        {l.error !== undefined && <Alert type="error" title={errorText(l.error, lang)} />}
        <Button
          type="primary"
          data-testid={`${p.testId}-submit`}
          disabled={!l.tpl || !l.preview?.targets || l.tiers.length === 0}
          loading={l.busy}
          onClick={p.onLaunch}
          style={{ marginTop: 12 }}
        >
          {t(p.title)}
        </Button>
      </Form>
    </Drawer>
  );
}
