/** The public entry of the notify module: other modules import only this file (ADR 0005). */
export { noticeCtes, notify, type Notice, type NoticeRows } from './service.js';
export { noticeBody, wordsBody, BODY_CODES, type BodyCode, type BodyParams } from './body.js';
