import { Result } from 'antd';
import { useLang } from '../lang.js';
import type { Route } from '../router.js';
import { PrintCase } from './PrintCase.js';
import { PrintReport } from './PrintReport.js';

/** /print/report/{id} and /print/case/{id}: the A4 layouts, outside the frame of the centre. */
export default function PrintPage({ route }: { route: Route }) {
  const { t } = useLang();
  const [, what, id] = route.path;
  if (id && /^\d+$/.test(id)) {
    if (what === 'report') return <PrintReport id={Number(id)} />;
    if (what === 'case') return <PrintCase id={Number(id)} />;
  }
  return <Result status="404" title="404" subTitle={t('app.notFound')} />;
}
