/** The public entry of the media module: other modules import only this file (ADR 0005). */
export { type BlobStore } from './blob-store.js';
export { DEFAULT_MAX_PHOTO_BYTES, processPhoto, storePhoto } from './photos.js';
