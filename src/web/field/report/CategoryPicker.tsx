import { useEffect, useState } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import { SearchOutlined } from '@ant-design/icons';
import { pick, t } from '../i18n.js';
import { searchCategories } from './categories.js';
import type { Category } from '../types.js';

/** Search-as-you-type category list; the chosen one shown big with "change". */
export function CategoryPicker({
  value,
  onChange,
  error,
}: {
  value: Category | null;
  onChange: (c: Category | null) => void;
  error?: string;
}) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Category[] | null>(null);

  useEffect(() => {
    if (value) return;
    let live = true;
    const id = setTimeout(() => void searchCategories(q).then((r) => live && setItems(r)), q ? 300 : 0);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [q, value]);

  if (value) {
    return (
      <div className="cat-chosen" data-testid="category-chosen">
        <span className="grow">
          {pick(value.name, value.nameEn)}
          <span className="muted" style={{ fontWeight: 400 }}>
            {' '}
            · {pick(value.majorName, value.majorNameEn)}
          </span>
        </span>
        <Button size="small" onClick={() => onChange(null)} data-testid="category-change">
          {t('categoryChange')}
        </Button>
      </div>
    );
  }
  return (
    <div>
      <div className="row" style={{ flexWrap: 'nowrap' }}>
        <SearchOutlined aria-hidden="true" style={{ fontSize: 22, color: '#555' }} />
        <input
          className="input"
          data-testid="category-search"
          aria-label={t('category')}
          type="search"
          enterKeyHint="search"
          value={q}
          maxLength={20}
          placeholder={t('categorySearch')}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {error && <div className="error-text">{error}</div>}
      <div style={{ maxHeight: 330, overflowY: 'auto', marginTop: 4 }} data-testid="category-options">
        {items === null && <DotLoading />}
        {items?.length === 0 && <p className="muted">{t('categoryNone')}</p>}
        {items?.slice(0, 40).map((c) => (
          <button
            type="button"
            key={c.code}
            className="cat-option"
            data-testid={`category-${c.code}`}
            onClick={() => onChange(c)}
          >
            {pick(c.name, c.nameEn)}
            <small>{pick(c.majorName, c.majorNameEn)}</small>
          </button>
        ))}
      </div>
    </div>
  );
}
