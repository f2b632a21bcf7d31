import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useLang } from '../lang.js';
import './print.css';

/**
 * An A4 sheet: a toolbar on screen (hidden on paper), a running header repeated on every printed
 * page (a table's thead), the content. With `?auto=1` the print dialog opens once the images are in.
 */
export function PrintFrame({
  running,
  ready,
  children,
}: {
  running: [ReactNode, ReactNode];
  ready: boolean;
  children: ReactNode;
}) {
  const { t } = useLang();
  useEffect(() => {
    if (!ready || new URLSearchParams(location.search).get('auto') !== '1') return;
    const images = [...document.images].filter((i) => !i.complete);
    const settled = (i: HTMLImageElement) =>
      new Promise((r) => {
        i.addEventListener('load', r, { once: true });
        i.addEventListener('error', r, { once: true });
      });
    void Promise.all(images.map(settled)).then(() => window.print());
  }, [ready]);
  return (
    <div className="wg-print">
      <div className="wg-print-bar">
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {t('print.print')}
        </Button>
        <Button onClick={() => (history.length > 1 ? history.back() : window.close())}>
          {t('print.close')}
        </Button>
      </div>
      <div className="wg-sheet" data-testid="print-sheet">
        <table className="wg-pages">
          <thead>
            <tr>
              <td>
                <div className="wg-running">
                  <span>{running[0]}</span>
                  <span>{running[1]}</span>
                </div>
              </td>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{children}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
