import { useRef, useState } from 'react';
import { Alert, Button, Space, Table } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { errorText, type ApiError } from '../../shared/api.js';
import { useLang } from '../lang.js';
import { useSession } from '../session.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type RowError = { row: number; field: string; message: string };
type Result =
  | { ok: true; rows: number; created: number; updated: number }
  | { ok: false; text: string; rows: RowError[] };

/**
 * Excel import of households, with the template it accepts (the server builds it from the import's own
 * columns); a refused import names every bad row and field. The list's export is the
 * toolbar's (what is filtered); the archive's import layout stays at GET households/export.xlsx.
 */
export function ExcelPanel({ onImported }: { onImported: () => void }) {
  const { t } = useLang();
  const { can } = useSession();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  if (!can('people.import')) return null;

  async function upload(f: File) {
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch('/api/v1/households/import', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': XLSX },
        body: await f.arrayBuffer(),
      });
      const body = (await res.json()) as { rows: number; created: number; updated: number } & ApiError & {
          error?: { details?: RowError[] };
        };
      if (res.ok) {
        setResult({ ok: true, rows: body.rows, created: body.created, updated: body.updated });
        onImported();
      } else
        setResult({
          ok: false,
          text: errorText(body),
          rows: Array.isArray(body.error?.details) ? body.error.details : [],
        });
    } catch {
      setResult({ ok: false, text: errorText(undefined), rows: [] });
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  }

  return (
    <div data-testid="excel">
      <Space>
        {can('people.import') && (
          <>
            <Button
              icon={<UploadOutlined />}
              loading={busy}
              onClick={() => file.current?.click()}
              data-testid="excel-import"
            >
              {t('reg.import')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href="/api/v1/households/import-template.xlsx"
              data-testid="excel-template"
            >
              {t('reg.importTemplate')}
            </Button>
            <input
              ref={file}
              type="file"
              accept=".xlsx"
              hidden
              data-testid="excel-file"
              onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
            />
          </>
        )}
      </Space>
      {result?.ok && (
        <Alert
          type="success"
          style={{ marginTop: 8 }}
          data-testid="excel-imported"
          title={t('reg.imported', { rows: result.rows, created: result.created, updated: result.updated })}
        />
      )}
      {result && !result.ok && (
        <div data-testid="excel-errors" style={{ marginTop: 8 }}>
          <Alert type="error" title={result.text} />
          {result.rows.length > 0 && (
            <Table<RowError>
              size="small"
              rowKey={(r) => `${r.row}-${r.field}`}
              pagination={false}
              dataSource={result.rows}
              columns={[
                { title: t('reg.row'), dataIndex: 'row', width: 80 },
                { title: t('reg.field'), dataIndex: 'field', width: 160 },
                { title: t('reg.problem'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </div>
  );
}
