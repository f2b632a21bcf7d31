/** The public entry of the notify module: other modules import only this file (ADR 0005). */
export { notify, type Notice } from './service.js';
