/** One helper for every list: whitelisted sort, exact totals, keyword and number search, streamed Excel. */
export { listPage, orderBySort, sortParam, totalOf, type SortOf } from './sort.js';
export { Keyword, likePattern, NumberSearch, numberPattern, PageQuery, Paged } from './page.js';
export { EXPORT_BATCH, streamXlsx, XLSX, type XlsxColumn } from './xlsx.js';
export { beijingTime, exportList, sendXlsx, type ListExport } from './export.js';
export { beijingDayEnd, beijingDayStart } from './days.js';
