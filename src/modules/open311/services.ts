import type { DbOrTx } from '../../platform/db/database.js';
import type { CategoryAttribute } from '../cases/index.js';
import { notFound, type Item } from './format.js';

/**
 * The category catalogue as Open311 services: one service per active category
 * (service_code = category code, service_name = its Chinese name, group = its major
 * class), and its extra questions as the service definition's attributes.
 */
type StoredAttribute = CategoryAttribute & { order?: number; descriptionEn?: string };

const DATATYPE_DESCRIPTIONS: Record<CategoryAttribute['datatype'], string> = {
  string: '单行文字 A line of text',
  text: '文字，可换行 Text, line breaks allowed',
  number: '数字 A number',
  datetime: 'W3C 日期时间，如 2024-05-01T08:00:00+08:00 A W3C datetime with a time zone',
  singlevaluelist: '单选：填一个 key One key from values',
  multivaluelist:
    '多选：attribute[code][]=key 可重复 One or more keys from values (attribute[code][]=key, repeated)',
};

export async function listServices(db: DbOrTx): Promise<Item[]> {
  const rows = await db
    .selectFrom('category')
    .select(['code', 'name', 'major_name', 'keywords', 'filing_criteria', 'attributes'])
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  return rows.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.filing_criteria,
    metadata: (c.attributes as unknown as StoredAttribute[]).length > 0,
    type: 'realtime',
    keywords: c.keywords.join(', '),
    group: c.major_name,
  }));
}

/** The service definition, or 404. Attributes in their `order`. */
export async function serviceDefinition(db: DbOrTx, code: string): Promise<Item> {
  const c = await db
    .selectFrom('category')
    .select(['code', 'attributes'])
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!c) throw notFound(`service_code ${code} was not found`);
  const attrs = [...(c.attributes as unknown as StoredAttribute[])].sort(
    (a, b) => (a.order ?? 0) - (b.order ?? 0),
  );
  return {
    service_code: c.code,
    attributes: attrs.map((a, i) => {
      const item: Item = {
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: DATATYPE_DESCRIPTIONS[a.datatype] ?? null,
        order: a.order ?? i + 1,
        description: a.descriptionEn ? `${a.description} ${a.descriptionEn}` : a.description,
      };
      if (a.values) item.values = a.values.map((v) => ({ key: v.key, name: v.name }));
      return item;
    }),
  };
}

/** Latest change to the catalogue: the discovery document's changeset. */
export async function catalogueChangeset(db: DbOrTx): Promise<Date | null> {
  const row = await db
    .selectFrom('category')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}
